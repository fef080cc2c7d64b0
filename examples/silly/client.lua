--!dialect silly
-- The document's client example: connect, send one text message, print the answer, close.
-- URL: first argument (start echo-server.lua first), or ws://127.0.0.1:8080.
local task = require "silly.task"
local websocket = require "silly.net.websocket"

local url = ... or "ws://127.0.0.1:8080"

task.fork(function()
  local sock, err = websocket.connect(url)
  if not sock then
    print("Connect failed:", err)
    return
  end
  print("Connected to WebSocket server")
  sock:write("Hello, Server!", "text")
  local data, typ = sock:read()
  if data then
    print("Received:", data)
  end
  sock:close()
end)
