--!dialect luatos
-- The document's examples in one task: websocket.new, ws:on, ws:connect, ws:sendFrame, ws:recv,
-- ws:state, ws:online and ws:close. The server must echo (moonwire echo-server --port 8800).
-- Our copy corrects the document's typos: "mt:on" is ws:on and "local print(message)" is a call.
local url = ... or "ws://127.0.0.1:8800"

sys.taskInit(function()
  local ws = websocket.new(url)
  ws:on("open", function() log.info("demo", "open") end)
  ws:on("message", function(message) log.info("demo", "message", message) end)
  ws:on("close", function(code) log.info("demo", "close", code) end)

  while not ws:connect(20000) do sys.wait(2000) end
  log.info("demo", "state", ws:state(), "online", tostring(ws:online()))

  ws:sendFrame(true, 0x1, "www.openluat.com")
  local result, data = ws:recv()
  log.info("demo", "recv", tostring(result), data)

  ws:close(1002, "协议错误")
  log.info("demo", "state", ws:state(), "online", tostring(ws:online()))
end)
sys.run()
