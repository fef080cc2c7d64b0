using System.Text;
using Consumer;
using Moonwire.Dialects.Silly;
using Moonwire.Engine.Net;
using Moonwire.Lua;

// Moonwire as a user gets it from NuGet: an echo server from Moonwire.Engine on a free loopback port,
// and a script written for silly (Moonwire.Dialects.Silly) that sends it a message and checks the echo.
// Then a dialect of the consumer's own, bound by the generator package.
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

// A dialect of the consumer's own, generated from greeting.yaml by the Moonwire.Generators package.
await using var greetingHost = new LuaHost();
var greetingOk = await greetingHost.RunScriptAsync(new GreetingDialect(),
    """assert(require("greeting").hello("lua") == "hello, lua")"""u8.ToArray(), "=greeting")
    .WaitAsync(TimeSpan.FromSeconds(60));

var ok = scriptOk && serverSaw == "hello from lua" && greetingOk;
Console.WriteLine(ok
    ? "consumer: the script's message came back, and the generated greeting dialect answered"
    : $"consumer: failed (silly script ok: {scriptOk}, server saw: {serverSaw}, greeting ok: {greetingOk})");
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
