--!dialect hoozi
-- The document's local dashboard: a net.ws_server broadcasts the player's state every frame.
-- Self-contained: a net.ws client joins, prints three states and the script unloads itself.
-- dashboard-server.lua is the document's example alone, for a browser showing dashboard.html.
local port = tonumber((...)) or 8080
local srv = net.ws_server:listen(port, {
    on_open    = function(c) print("client", c, "joined") end,
    on_message = function(c, msg) print("got from", c, ":", msg) end,
    on_close   = function(c, code, reason) print("client", c, "left", code) end,
})

if not srv then print("port " .. port .. " is taken") return end

local frames = event.on("frame_update", function(e)
    local lp = game.localplayer
    if lp then
        srv:broadcast(json.encode({hp=lp.health, sh=lp.shield, vel=lp.abs_velocity}))
    end
end)

event.on("script_unloaded", function(ue)
    if ue.script_path == _SCRIPT_PATH then srv:close() end
end)

-- A viewer in place of the browser: three states, then it leaves, the server closes and the frame
-- handler goes (event.off is Moonwire's; in the game the user unloads the script instead).
local seen = 0
net.ws:connect("ws://127.0.0.1:" .. port .. "/", {
    on_open    = function(id) net.ws:send(id, "hello dashboard") end,
    on_message = function(id, msg)
        seen = seen + 1
        if seen <= 3 then print("state", msg) end
        if seen == 3 then net.ws:close(id) end
    end,
    on_close   = function(id, code)
        print("viewer closed", code)
        srv:close()
        event.off(frames)
    end,
})
