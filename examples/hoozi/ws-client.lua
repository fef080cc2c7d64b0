--!dialect hoozi
-- The document's four-callback client; pass a WebSocket echo server's URL (the document dials wss://).
local url = (...) or "ws://127.0.0.1:9001"
local ws_id = net.ws:connect(url, {
    on_open    = function(id) net.ws:send(id, "hi") end,
    on_message = function(id, msg) log.info("recv " .. msg) net.ws:close(id) end,
    on_error   = function(id, err) log.warn("err " .. err) end,
    on_close   = function(id, code, reason) log.info("close " .. code) end,
})
