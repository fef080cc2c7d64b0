--!dialect silly
-- Self-contained: starts the echo server on a loopback port, talks to it as a client (WebSocket
-- and plain HTTP upgrade refusal), then stops the server so the script ends.
local task = require "silly.task"
local http = require "silly.net.http"
local websocket = require "silly.net.websocket"

local addr = ... or "127.0.0.1:18080"

task.fork(function()
  local server = assert(http.listen {
    addr = addr,
    handler = function(stream)
      local sock = assert(websocket.upgrade(stream))
      while true do
        local data, typ = sock:read()
        if not data or typ == "close" then break end
        sock:write("Echo: " .. data, typ)
      end
      sock:close()
    end
  })

  local sock = assert(websocket.connect("ws://" .. addr .. "/chat"))
  for _, word in ipairs { "one", "two", "three" } do
    assert(sock:write(word, "text"))
    local data, typ = sock:read()
    print(typ, data)
  end
  assert(sock:write(string.rep("x", 100000)))
  local big, typ = sock:read()
  print(typ, #big)
  sock:close()
  server:close()
end)
