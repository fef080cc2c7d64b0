--!dialect silly
-- The document's example 1: every text message a client sends goes to all connected clients,
-- through a channel read by one broadcasting coroutine. Address: first argument.
local task = require "silly.task"
local http = require "silly.net.http"
local websocket = require "silly.net.websocket"
local channel = require "silly.sync.channel"

local addr = ... or "127.0.0.1:8080"

task.fork(function()
  local clients = {}
  local broadcast_chan = channel.new()

  task.fork(function()
    while true do
      local message = broadcast_chan:recv()
      for i, sock in ipairs(clients) do
        sock:write(message, "text")
      end
    end
  end)

  http.listen {
    addr = addr,
    handler = function(stream)
      if stream.header["upgrade"] == "websocket" then
        local sock = websocket.upgrade(stream)
        if sock then
          table.insert(clients, sock)
          while true do
            local data, typ = sock:read()
            if not data or typ == "close" then break end
            if typ == "text" then
              broadcast_chan:send(data)
            end
          end
          for i, v in ipairs(clients) do
            if v == sock then
              table.remove(clients, i)
              break
            end
          end
          sock:close()
        end
      else
        stream:respond(404, {})
        stream:close()
      end
    end
  }
end)
