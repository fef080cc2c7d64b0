--!dialect silly
-- The document's upgrade example: an HTTP server that upgrades WebSocket requests and echoes text
-- back with "Echo: " in front; other requests get a plain-text answer. Address: first argument.
local task = require "silly.task"
local http = require "silly.net.http"
local websocket = require "silly.net.websocket"

local addr = ... or "127.0.0.1:8080"

task.fork(function()
  local server = http.listen {
    addr = addr,
    handler = function(stream)
      if stream.header["upgrade"] == "websocket" then
        local sock, err = websocket.upgrade(stream)
        if not sock then
          print("Upgrade failed:", err)
          return
        end
        while true do
          local data, typ = sock:read()
          if not data then
            break
          end
          if typ == "text" then
            sock:write("Echo: " .. data, "text")
          elseif typ == "close" then
            break
          end
        end
        sock:close()
      else
        stream:respond(200, {["content-type"] = "text/plain"})
        stream:close("Not a WebSocket request")
      end
    end
  }
  print("WebSocket server listening on " .. addr)
end)
