--!dialect coromega
-- The document's create_websocket_server example: greets each client, takes its first message with
-- receive_message and echoes every later one from when_new_msg. Try it with client.lua.
local coromega = require("coromega").from(require("omega"))

coromega:create_websocket_server("127.0.0.1", 1042):when_new_conn(function(conn)
    conn:when_new_msg(function(msg)
        if msg == nil then
            print("websocket connection closed!")
        else
            print("websocket server received (not intercepted): ", msg)
            conn:send_message("server echo: " .. msg)
        end
    end)
    conn:send_message("server hello")
    local received = conn:receive_message()
    if received == nil then
        print("websocket connection closed!")
    else
        print("websocket server received (first message): ", received)
    end
end):when_dead(function(deadReason)
    print("websocket server dead, reason: ", deadReason)
end)

coromega:run()
