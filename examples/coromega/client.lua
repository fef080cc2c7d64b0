--!dialect coromega
-- The document's connect_to_websocket examples: one session without headers, one with them (a list
-- value is sent as one header line per item, numbers as text). Needs a server on port 1042 (server.lua).
local coromega = require("coromega").from(require("omega"))

-- Without headers.
coromega:start_new(function()
    local conn = coromega:connect_to_websocket("ws://127.0.0.1:1042")
    if conn == nil then
        coromega:print("connect fail")
        return
    end
    conn:when_new_msg(function(msg)
        if msg == nil then
            print("websocket connection closed!", msg)
        else
            print("websocket client received (not intercepted): ", msg)
        end
    end)
    conn:send_message("client hello")
    local received = conn:receive_message()
    if received == nil then
        print("websocket connection closed!")
    else
        print("websocket client received (first message): ", received)
    end
end)

-- With headers.
coromega:start_new(function()
    local headers = {
        header1 = { "a", 2, "c" }, -- several values (2 is sent as "2")
        header2 = { "some headers" },
        header3 = "header3,some values", -- or one string
    }
    local conn = coromega:connect_to_websocket("ws://127.0.0.1:1042", headers)
    if conn == nil then
        coromega:print("connect fail")
        return
    end
    -- The document's snippets for the two send functions.
    local err = conn:send_message("hello")
    coromega:print("send_message error:", err)
    err = conn:send({ author = "somebody", age = 18 })
    coromega:print("send error:", err)
end)

coromega:run()
