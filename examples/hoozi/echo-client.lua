--!dialect hoozi
-- Conformance client agent: runs every case of a fuzzing server, echoing every message, then asks
-- it to write its reports. Binary stays binary (the third argument of on_message and send is a
-- Moonwire extension). The server's URL is the first argument.
local base = (...) or "ws://127.0.0.1:9001"
local agent = "moonwire-hoozi"
local count, case = 0, 0

local function run_next()
    case = case + 1
    if case > count then
        net.ws:connect(base .. "/updateReports?agent=" .. agent, {
            on_close = function() print("reports updated") end,
        })
        return
    end
    net.ws:connect(base .. "/runCase?case=" .. case .. "&agent=" .. agent, {
        on_message = function(id, msg, binary) net.ws:send(id, msg, binary) end,
        on_close = function() run_next() end,
    })
end

net.ws:connect(base .. "/getCaseCount", {
    on_message = function(_, msg) count = tonumber(msg) end,
    on_error = function(_, err) print("cannot reach the fuzzing server: " .. err) end,
    on_close = function() if count > 0 then run_next() end end,
})
