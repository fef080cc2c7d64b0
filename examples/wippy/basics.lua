--!dialect wippy
-- The document's sections in order: loading, a basic connection, text, JSON and binary messages,
-- ping, one receive, and the three ways to close. Usage: moonwire run basics.lua ws://127.0.0.1:PORT
-- (any echo server; the first argument is its URL).
local url = ... or "ws://127.0.0.1:9001"

local websocket = require("websocket")

local client, err = websocket.connect(url)
if err then
  return nil, err
end

local ok, err = client:send("Hello, Server!")
if err then
  return nil, err
end
print("sent text", ok)

client:send(json.encode({
  type = "subscribe",
  channel = "orders"
}))

local binary_data = string.char(0, 1, 2, 255)
client:send(binary_data, websocket.BINARY)

print("ping", client:ping())

local ch = client:channel()
local msg, ok = ch:receive()
if ok then
  print("Type:", msg.type) -- "text" or "binary"
  print("Data:", msg.data)
end

-- Normal close (code 1000)
print("close", client:close())

-- With code and reason, and an error close: each on a connection of its own here, since a closed
-- client cannot be closed again.
local second = websocket.connect(url)
print("close with reason", second:close(websocket.CLOSE_CODES.NORMAL, "Session ended"))
local third = websocket.connect(url)
print("error close", third:close(websocket.CLOSE_CODES.INTERNAL_ERROR, "Processing failed"))
