--!dialect wippy
-- Connecting with options: a bearer token header, a subprotocol offer, timeouts as Go durations and
-- permessage-deflate with context takeover. Usage: moonwire run options.lua ws://127.0.0.1:PORT
local url = ... or "ws://127.0.0.1:9001"
local websocket = require("websocket")
local token = "example-token"

local client, err = websocket.connect(url, {
  headers = {
    ["Authorization"] = "Bearer " .. token
  },
  protocols = {"graphql-ws"},
  dial_timeout = "10s",
  read_timeout = "30s",
  compression = websocket.COMPRESSION.CONTEXT_TAKEOVER
})
if err then
  return nil, err
end

client:send(string.rep("compressible ", 100))
local msg = client:channel():receive()
print("echoed", msg.type, #msg.data)
client:close()
