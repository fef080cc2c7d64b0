--!dialect coromega
-- A conformance testee: echoes every message in kind on 127.0.0.1, port as the first argument (default
-- 9002). Binary messages (receive_message then returns a second result, true) are answered with
-- conn:send_binary; both are Moonwire extensions, as the original handles text only.
local port = tonumber((...)) or 9002
local coromega = require("coromega").from(require("omega"))

coromega:create_websocket_server("127.0.0.1", port):when_new_conn(function(conn)
    while true do
        local message, is_binary = conn:receive_message()
        if message == nil then
            return
        end
        if is_binary then
            conn:send_binary(message)
        else
            conn:send_message(message)
        end
    end
end)

coromega:run()
