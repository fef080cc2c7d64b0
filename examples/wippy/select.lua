--!dialect wippy
-- Multiplexing with channel.select: messages and a keep-alive timer. The document's loop never ends;
-- ours stops when the connection closes (r.ok is false). Usage: moonwire run select.lua ws://127.0.0.1:PORT
local url = ... or "ws://127.0.0.1:9001"
local websocket = require("websocket")

local function process(data)
  print("processed", data.seq)
end

local client = websocket.connect(url)
local ch = client:channel()
local timeout = time.after("30s")

while true do
  local r = channel.select {
    ch:case_receive(),
    timeout:case_receive()
  }

  if r.channel == timeout then
    client:ping() -- Keep-alive
    timeout = time.after("30s")
  elseif not r.ok then
    break
  else
    local data = json.decode(r.value.data)
    process(data)
  end
end
print("stream ended")
