--!dialect wippy
-- The document's chat room: join a room, hand every message to on_message until the server closes.
-- Usage: moonwire run chat.lua ws://127.0.0.1:PORT/ws (a server that answers a join with messages).
local url = ... or "ws://127.0.0.1:9001/ws"
local websocket = require("websocket")
local token = "chat-token"

local function connect_chat(room_id, on_message)
  local client, err = websocket.connect(url, {
    headers = {["Authorization"] = "Bearer " .. token}
  })
  if err then
    return nil, err
  end

  -- Join room
  client:send(json.encode({
    type = "join",
    room = room_id
  }))

  -- Message loop
  local ch = client:channel()
  while true do
    local msg, ok = ch:receive()
    if not ok then break end

    local data = json.decode(msg.data)
    on_message(data)
  end

  client:close()
end

connect_chat("lobby", function(data)
  print(data.from .. ": " .. data.text)
end)
print("left the room")
