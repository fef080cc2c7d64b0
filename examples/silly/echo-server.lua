--!dialect silly
-- Conformance testee: echoes every text and binary message unchanged. Address: first argument.
local task = require "silly.task"
local http = require "silly.net.http"
local websocket = require "silly.net.websocket"

local addr = ... or "127.0.0.1:9001"

task.fork(function()
  assert(http.listen {
    addr = addr,
    handler = function(stream)
      local sock, err = websocket.upgrade(stream)
      if not sock then
        print("upgrade failed:", err)
        return
      end
      while true do
        local data, typ = sock:read()
        if not data or typ == "close" then break end
        if typ == "text" or typ == "binary" then
          sock:write(data, typ)
        end
      end
      sock:close()
    end
  })
  print("echo server on " .. addr)
end)
