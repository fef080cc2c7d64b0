--!dialect coromega
-- A conformance testee: the Autobahn|Testsuite client agent. Asks the fuzzing server (URL as the first
-- argument) for its case count, echoes every message of every case in kind, then asks for the reports.
-- Binary messages (receive_message then returns a second result, true) are answered with
-- conn:send_binary; both are Moonwire extensions, as the original handles text only.
local url = ... or "ws://127.0.0.1:9001"
local agent = "moonwire-coromega"
local coromega = require("coromega").from(require("omega"))

local function echo_all(conn)
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
end

coromega:start_new(function()
    local counter = coromega:connect_to_websocket(url .. "/getCaseCount")
    if counter == nil then
        coromega:print("cannot reach the fuzzing server at", url)
        return
    end
    local count = tonumber(counter:receive_message())
    for case = 1, count do
        local conn = coromega:connect_to_websocket(("%s/runCase?case=%d&agent=%s"):format(url, case, agent))
        if conn ~= nil then
            echo_all(conn)
        end
    end
    local reports = coromega:connect_to_websocket(url .. "/updateReports?agent=" .. agent)
    if reports ~= nil then
        reports:receive_message()
    end
    coromega:print("ran", count, "cases")
end)

coromega:run()
