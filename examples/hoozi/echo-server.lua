--!dialect hoozi
-- Conformance testee: echoes every message back to its client, binary as binary (the third argument
-- of on_message and send is a Moonwire extension). Port as the first argument.
local port = tonumber((...)) or 9002
local srv
srv = net.ws_server:listen(port, {
    on_message = function(c, msg, binary) srv:send(c, msg, binary) end,
})
if not srv then error("port " .. port .. " is taken") end
print("listening on ws://127.0.0.1:" .. port .. "/")
