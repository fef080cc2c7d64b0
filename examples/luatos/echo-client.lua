--!dialect luatos
-- An Autobahn-style client agent: asks the fuzzing server how many cases there are, runs each one
-- echoing every message back in the frame type it came in, then asks for the reports.
--   moonwire run examples/luatos/echo-client.lua ws://127.0.0.1:9001 [agent]
-- recv's third value (1 text, 2 binary) is our addition; the platform returns only two.
local base, agent = ...
base = base or "ws://127.0.0.1:9001"
agent = agent or "moonwire-luatos"

-- Connects, echoes until the server closes, closes; returns the first message when asked to.
local function session(path, firstOnly)
  local ws = websocket.new(base .. path)
  if not ws:connect(10000) then
    log.error("agent", "cannot connect to", base .. path)
    return nil
  end
  local first
  while true do
    local ok, data, opcode = ws:recv()
    if not ok then break end
    if firstOnly then
      first = first or data
    else
      ws:sendFrame(true, opcode, data)
    end
  end
  ws:close()
  return first
end

sys.taskInit(function()
  local count = tonumber(session("/getCaseCount", true))
  if not count then
    log.error("agent", "no case count")
    return
  end
  for case = 1, count do
    session("/runCase?case=" .. case .. "&agent=" .. agent)
  end
  session("/updateReports?agent=" .. agent)
  log.info("agent", "ran", count, "cases")
end)
sys.run()
