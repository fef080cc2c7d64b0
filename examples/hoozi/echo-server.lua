--!dialect hoozi
-- Conformance testee: echoes every message back to its client. Port as the first argument.
local port = tonumber((...)) or 9002
local srv
srv = net.ws_server:listen(port, {
    on_message = function(c, msg) srv:send(c, msg) end,
})
if not srv then error("port " .. port .. " is taken") end
print("listening on ws://127.0.0.1:" .. port .. "/")
