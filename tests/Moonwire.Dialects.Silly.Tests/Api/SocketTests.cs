using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>Return conventions and error texts of silly.net.websocket, sock:read/write/close and the companions.</summary>
public sealed class SocketTests
{
    private static async Task<IReadOnlyList<string>> RunAsync(string lua, params string[] args)
    {
        await using var script = await SillyScript.StartAsync(lua, args);
        await script.RunToEndAsync();
        return script.Output;
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_returns_nil_and_a_message_when_refused_or_given_a_bad_url()
    {
        var output = await RunAsync("""
            local websocket = require "silly.net.websocket"
            local port = ...
            require("silly.task").fork(function()
              local sock, err = websocket.connect("ws://127.0.0.1:" .. port .. "/")
              print(sock, err ~= nil and #err > 0)
              print(websocket.connect("http://example.org/"))
            end)
            """, SillyScript.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["nil\ttrue", "nil\tbad url 'http://example.org/' (expected ws://host[:port]/path or wss://...)"], output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Wrong_argument_types_raise_luas_bad_argument_errors()
    {
        var output = await RunAsync("""
            local websocket = require "silly.net.websocket"
            local task = require "silly.task"
            task.fork(function()
              print(select(2, pcall(websocket.connect)))
              print(select(2, pcall(websocket.connect, "ws://x", 5)))
              print(select(2, pcall(websocket.connect, "ws://x", {a = {}})))
              print(select(2, pcall(websocket.upgrade, "stream")))
              print(select(2, pcall(task.fork, 1)))
              print(select(2, pcall(require("silly.net.http").listen, {addr = ":0"})))
            end)
            print(select(2, pcall(websocket.connect, "ws://x")))
            """);

        Assert.Equal([
            "'connect' must be called inside a coroutine",
            "bad argument #1 to 'connect' (string expected, got no value)",
            "bad argument #2 to 'connect' (table expected, got number)",
            "bad argument #2 to 'connect' (header names and values must be strings)",
            "bad argument #1 to 'upgrade' (table expected, got string)",
            "bad argument #1 to 'fork' (function expected, got number)",
            "bad argument #1 to 'listen' (field 'handler' function expected, got nil)",
        ], output.Select(line => line.Replace("script:", "", StringComparison.Ordinal)).Select(StripPosition));
    }

    [Fact(Timeout = 60_000)]
    public async Task Upgrade_of_something_that_is_not_a_stream_returns_nil_and_a_message()
    {
        var output = await RunAsync("""
            require("silly.task").fork(function()
              print(require("silly.net.websocket").upgrade({}))
            end)
            """);

        Assert.Equal(["nil\tnot an HTTP stream: stream.conn is missing"], output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Write_checks_types_and_control_frame_sizes_and_read_after_close_fails()
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        var serving = Task.Run(async () =>
        {
            await using var connection = await server.AcceptAsync();
            var kinds = new List<MessageKind>();
            while (true)
            {
                var message = await connection.ReceiveAsync();
                kinds.Add(message.Kind);
                if (message.Kind == MessageKind.Close)
                {
                    return (kinds, message.CloseCode, message.CloseReason);
                }
            }
        });

        var output = await RunAsync("""
            local url = ...
            require("silly.task").fork(function()
              local sock = assert(require("silly.net.websocket").connect(url))
              print(sock:write())
              print(sock:write("t", "text"))
              print(sock:write(string.rep("p", 125), "ping"))
              print(sock:write(string.rep("p", 126), "ping"))
              print(pcall(sock.write, sock, "x", "bogus"))
              print(pcall(sock.write, sock, {}))
              print(pcall(sock.read, 1))
              print(sock:write("bye", "close"))
              sock:close()
              print(sock:read())
              print(sock:write("late"))
              print(sock.conn.remoteaddr, sock.conn.tls, sock.stream)
            end)
            """, $"ws://127.0.0.1:{server.Port}");

        Assert.Equal([
            "true",
            "true",
            "true",
            "false\tcontrol frame payload is 126 bytes; at most 125 are allowed",
            "false\tbad argument #2 to 'write' (invalid option 'bogus')",
            "false\tbad argument #1 to 'write' (string expected, got table)",
            "false\tcalling 'read' on bad self",
            "true",
            "nil\tsocket closed\t",
            "false\tsocket closed",
            $"127.0.0.1:{server.Port}\tfalse\tnil",
        ], output);
        var (kinds, code, reason) = await serving.WaitAsync(SillyScript.Patience);
        Assert.Equal([MessageKind.Binary, MessageKind.Text, MessageKind.Ping, MessageKind.Close], kinds);
        Assert.Equal((1000, "bye"), ((int)code, reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_shows_the_peers_close_once_with_its_payload_then_fails()
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        var serving = Task.Run(async () =>
        {
            await using var connection = await server.AcceptAsync();
            await connection.CloseAsync(4000, "done");
        });

        var output = await RunAsync("""
            local url = ...
            require("silly.task").fork(function()
              local sock = assert(require("silly.net.websocket").connect(url))
              local data, typ = sock:read()
              print(typ, #data, string.unpack(">I2", data), data:sub(3))
              print(sock:read())
              sock:close()
            end)
            """, $"ws://127.0.0.1:{server.Port}");
        await serving.WaitAsync(SillyScript.Patience);

        Assert.Equal(["close\t6\t4000\tdone", "nil\tsocket closed\t"], output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Connect_sends_custom_headers_and_large_messages_arrive_whole()
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        var serving = Task.Run(async () =>
        {
            await using var connection = await server.AcceptAsync();
            var message = await connection.ReceiveAsync();
            await connection.SendAsync(message.Payload.ToArray(), isText: false);
            await connection.ReceiveAsync();
            return connection.Handshake.Headers.Get("X-Token");
        });

        var output = await RunAsync("""
            local url = ...
            require("silly.task").fork(function()
              local sock = assert(require("silly.net.websocket").connect(url, {["X-Token"] = "abc"}))
              sock:write(string.rep("z", 200000))
              local data, typ = sock:read()
              print(typ, #data)
              sock:close()
            end)
            """, $"ws://127.0.0.1:{server.Port}");

        Assert.Equal(["binary\t200000"], output);
        Assert.Equal("abc", await serving.WaitAsync(SillyScript.Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task Wss_client_connects_to_a_wss_server_and_sock_stream_is_the_upgraded_stream()
    {
        using var pki = new TestPki();
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartAsync("""
            local http = require "silly.net.http"
            local websocket = require "silly.net.websocket"
            local cert, key, addr = ...
            require("silly.task").fork(function()
              local server = assert(http.listen {
                addr = addr, certs = {{cert = cert, key = key}},
                handler = function(stream)
                  local sock = assert(websocket.upgrade(stream))
                  print("server", sock.stream == stream, sock.conn.tls, stream.method, stream.path)
                  sock:write("hi", "text")
                  sock:read()
                  sock:close()
                end,
              })
              local sock = assert(websocket.connect("wss://localhost:" .. addr:match("%d+$") .. "/p?q=1"))
              print("client", sock:read())
              sock:close()
              server:close()
            end)
            """, [pki.CertificatePem, pki.KeyPem, $"127.0.0.1:{port}"], tls: pki.ClientTls);
        await script.RunToEndAsync();

        Assert.Contains("server\ttrue\ttrue\tGET\t/p?q=1", script.Output);
        Assert.Contains("client\thi\ttext", script.Output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Listen_on_a_busy_address_returns_nil_and_a_message()
    {
        var port = SillyScript.FreePort();
        var output = await RunAsync("""
            local addr = ...
            require("silly.task").fork(function()
              local http = require "silly.net.http"
              local first = assert(http.listen { addr = addr, handler = function() end })
              local second, err = http.listen { addr = addr, handler = function() end }
              print(second, err:match("^listen on '[^']+' failed") ~= nil)
              first:close()
            end)
            """, $"127.0.0.1:{port}");

        Assert.Equal(["nil\ttrue"], output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Channel_delivers_in_order_to_waiting_receivers_and_push_pop_are_aliases()
    {
        var output = await RunAsync("""
            local channel = require "silly.sync.channel"
            local task = require "silly.task"
            local ch = channel.new()
            task.fork(function()
              for _ = 1, 3 do print("got", ch:recv()) end
              print("popped", ch:pop())
            end)
            task.fork(function()
              ch:send("a")
              ch:push("b")
              moonwire.sleep(0.01)
              ch:send("c")
              ch:send("d")
            end)
            print(pcall(ch.recv, ch))
            """);

        Assert.Equal([
            "false\t'recv' must be called inside a coroutine",
            "got\ta", "got\tb", "got\tc", "popped\td",
        ], output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Http_streams_expose_lower_case_headers_and_closewrite_is_close()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartAsync("""
            require("silly.net.http").listen {
              addr = ...,
              handler = function(stream)
                stream:respond(201, {["x-seen"] = stream.header["x-custom"]})
                stream:closewrite("made")
              end,
            }
            """, [$"127.0.0.1:{port}"]);
        using var http = new HttpClient { Timeout = SillyScript.Patience };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"));
        request.Headers.Add("X-Custom", "value");

        var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("value", response.Headers.GetValues("x-seen").Single());
        Assert.Equal("made", await response.Content.ReadAsStringAsync());
    }

    private static string StripPosition(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && char.IsDigit(line[colon - 1]) ? line[(colon + 2)..] : line;
    }
}
