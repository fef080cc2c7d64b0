--!dialect silly
-- Conformance testee, client side (an Autobahn client agent): asks the fuzzing server how many
-- cases there are, runs each one echoing every message, then asks it to write its reports.
-- URL of the fuzzing server: first argument.
local task = require "silly.task"
local websocket = require "silly.net.websocket"

local base = ... or "ws://127.0.0.1:9001"
local agent = "moonwire-silly"

task.fork(function()
  local sock = assert(websocket.connect(base .. "/getCaseCount"))
  local count = tonumber((sock:read()))
  sock:close()
  for case = 1, count do
    local s = websocket.connect(("%s/runCase?case=%d&agent=%s"):format(base, case, agent))
    if s then
      while true do
        local data, typ = s:read()
        if not data or typ == "close" then break end
        if typ == "text" or typ == "binary" then s:write(data, typ) end
      end
      s:close()
    end
  end
  local reports = assert(websocket.connect(("%s/updateReports?agent=%s"):format(base, agent)))
  reports:read()
  reports:close()
end)
