--!dialect silly
-- The document's example 2: a WebSocket server over TLS. The certificate and key are PEM files named
-- by the first two arguments (relative to the script); the address is the third.
local task = require "silly.task"
local http = require "silly.net.http"
local websocket = require "silly.net.websocket"

local cert_file, key_file, addr = ...
addr = addr or "127.0.0.1:8443"

local function read(path)
  local f = assert(io.open(moonwire.path(path), "rb"))
  local text = f:read("a")
  f:close()
  return text
end

task.fork(function()
  local certs = {{
    cert = read(cert_file or "cert.pem"),
    key = read(key_file or "key.pem"),
  }}
  http.listen {
    addr = addr,
    certs = certs,
    handler = function(stream)
      if stream.header["upgrade"] == "websocket" then
        local sock = websocket.upgrade(stream)
        if sock then
          sock:write("Secure connection established", "text")
          while true do
            local data, typ = sock:read()
            if not data or typ == "close" then break end
          end
          sock:close()
        end
      end
    end
  }
end)
