--!dialect silly
-- The document's read loop: print text messages, answer pings with pongs, stop on close.
-- URL: first argument, or ws://127.0.0.1:8080.
local task = require "silly.task"
local websocket = require "silly.net.websocket"

local url = ... or "ws://127.0.0.1:8080"

task.fork(function()
  local sock = websocket.connect(url)
  if not sock then return end
  while true do
    local data, typ = sock:read()
    if not data then break end
    if typ == "text" then
      print("Text:", data)
    elseif typ == "ping" then
      sock:write(data, "pong")
    elseif typ == "close" then
      break
    end
  end
  sock:close()
end)
