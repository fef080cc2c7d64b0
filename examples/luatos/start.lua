--!dialect luatos
-- ws:start as the document shows it: a task that connects, keeps the link alive with a heartbeat
-- and hands every message to proc. The server must echo (moonwire echo-server --port 8800).
-- The document's proc writes to a UART ("u1:send(msg)"); ours logs the message and, after the
-- third one, ends the task with websocket.exit (the document spells it "wesocket").
local url = ... or "ws://127.0.0.1:8800"

local ws = websocket.new(url)
local received = 0

ws:on("open", function()
  log.info("demo", "open")
  ws:send("hello 1", true)
  ws:send("hello 2")
  ws:send("hello 3", true)
end)
ws:on("close", function(code) log.info("demo", "close", code) end)

sys.taskInit(ws.start, ws, 180, function(msg)
  received = received + 1
  log.info("demo", "proc", msg)
  if received == 3 then websocket.exit(ws) end
end)
sys.run()
