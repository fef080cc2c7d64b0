--!dialect wippy
-- The receive loop: every text message is JSON for handle_message; the loop ends when the
-- connection closes. Usage: moonwire run message-loop.lua ws://127.0.0.1:PORT (a server that sends
-- JSON text messages and then closes).
local url = ... or "ws://127.0.0.1:9001"
local websocket = require("websocket")

local function handle_message(data)
  print("message", data.type, data.text)
end

local client = websocket.connect(url)

local ch = client:channel()
while true do
  local msg, ok = ch:receive()
  if not ok then
    break -- Connection closed
  end

  if msg.type == "text" then
    local data = json.decode(msg.data)
    handle_message(data)
  end
end
print("connection closed")
