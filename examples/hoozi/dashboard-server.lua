--!dialect hoozi
-- The document's local dashboard as it stands: a net.ws_server broadcasts the player's state every
-- frame until the script is unloaded (Ctrl-C in `moonwire run`). Open dashboard.html in a browser to
-- watch it. Port as the first argument (the document's 8080 by default).
local port = tonumber((...)) or 8080
local srv = net.ws_server:listen(port, {
    on_open    = function(c) print("client", c, "joined") end,
    on_message = function(c, msg) print("got from", c, ":", msg) end,
    on_close   = function(c, code, reason) print("client", c, "left", code) end,
})

if not srv then return end

event.on("frame_update", function(e)
    local lp = game.localplayer
    if lp then
        srv:broadcast(json.encode({hp=lp.health, sh=lp.shield, vel=lp.abs_velocity}))
    end
end)

event.on("script_unloaded", function(ue)
    if ue.script_path == _SCRIPT_PATH then srv:close() end
end)
