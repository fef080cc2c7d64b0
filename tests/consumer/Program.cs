using System.Text;
using Moonwire.Dialects.Silly;
using Moonwire.Engine.Net;
using Moonwire.Lua;

// Moonwire as a user gets it from NuGet: an echo server from Moonwire.Engine on a free loopback port,
// and a script written for silly (Moonwire.Dialects.Silly) that sends it a message and checks the echo.
await using var server = new WebSocketServer(new WebSocketServerOptions());
server.Start();
var echoed = EchoOneMessageAsync(server);

var script = $$"""
    local task = require "silly.task"
    local websocket = require "silly.net.websocket"
    task.fork(function()
      local sock = assert(websocket.connect("ws://127.0.0.1:{{server.Port}}/"))
      assert(sock:write("hello from lua", "text"))
      local data, typ = sock:read()
      assert(data == "hello from lua" and typ == "text", "unexpected echo: " .. tostring(data))
      sock:close()
    end)
    """;
await using var host = new LuaHost();
var scriptOk = await host.RunScriptAsync(new SillyDialect(), Encoding.UTF8.GetBytes(script), "=consumer")
    .WaitAsync(TimeSpan.FromSeconds(60));
var serverSaw = await echoed.WaitAsync(TimeSpan.FromSeconds(30));

var ok = scriptOk && serverSaw == "hello from lua";
Console.WriteLine(ok ? "consumer: the script's message came back" : $"consumer: failed (script ok: {scriptOk}, server saw: {serverSaw})");
return ok ? 0 : 1;

static async Task<string> EchoOneMessageAsync(WebSocketServer server)
{
    await using var connection = await server.AcceptAsync();
    var message = await connection.ReceiveAsync();
    var text = message.Text;
    await connection.SendTextAsync(text);
    while ((await connection.ReceiveAsync()).Kind != MessageKind.Close)
    {
    }

    return text;
}
