--!dialect luatos
-- ws:sendFrame with raw opcodes: one text message in three frames (text, continuation, final
-- continuation), a ping answered by a "pong" event, then a binary frame.
local url = ... or "ws://127.0.0.1:8800"

sys.taskInit(function()
  local ws = websocket.new(url)
  ws:on("pong", function(payload) log.info("demo", "pong", payload) end)
  if not ws:connect(5000) then
    log.error("demo", "cannot connect to", url)
    return
  end

  ws:sendFrame(false, 0x1, "www.")
  ws:sendFrame(false, 0x0, "openluat")
  ws:sendFrame(true, 0x0, ".com")
  log.info("demo", "recv", select(2, ws:recv()))

  ws:sendFrame(true, 0x9, "are you there")
  ws:sendFrame(true, 0x2, "\1\2\3")
  local result, data = ws:recv()
  log.info("demo", "binary", tostring(result), #data)
  ws:close()
end)
sys.run()
