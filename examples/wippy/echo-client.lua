--!dialect wippy
-- An Autobahn-style client agent: asks the fuzzing server for its case count, runs every case
-- echoing each message back as it came (text or binary), then asks for the reports.
-- Usage: moonwire run echo-client.lua ws://127.0.0.1:9001 [agent-name] [deflate]
-- ("deflate" offers permessage-deflate with context takeover).
local base, agent, deflate = ...
base = base or "ws://127.0.0.1:9001"
agent = agent or "moonwire-wippy"
local websocket = require("websocket")
local options = {
  read_limit = 128 * 1024 * 1024,
  compression = deflate == "deflate" and websocket.COMPRESSION.CONTEXT_TAKEOVER or websocket.COMPRESSION.DISABLED,
  compression_threshold = 1,
}

local function connect(path)
  local client, err = websocket.connect(base .. path, options)
  if err then error("cannot connect to " .. base .. path .. ": " .. err:message()) end
  return client
end

local counter = connect("/getCaseCount")
local reply = counter:channel():receive()
counter:close()
local count = tonumber(reply.data)

for case = 1, count do
  local client = connect("/runCase?case=" .. case .. "&agent=" .. agent)
  local ch = client:channel()
  while true do
    local msg, ok = ch:receive()
    if not ok then break end
    client:send(msg.data, msg.type == websocket.TYPE_BINARY and websocket.BINARY or websocket.TEXT)
  end
  client:close()
end

connect("/updateReports?agent=" .. agent):close()
print("ran " .. count .. " cases")
