using KeraLua;
using Moonwire.Dialects.Silly.Http;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly.WebSocket;

/// <summary><c>silly.net.websocket</c>: upgrade an HTTP stream, or connect to a server.</summary>
internal sealed class SillyWebSocketModule(LuaHost host, ClientTlsOptions tls) : ISillyNetWebsocketModule
{
    private long _lastStream;

    public unsafe int Upgrade(LuaState L, int stream)
    {
        L.GetField(stream, "conn");
        var exchange = L.ToTarget<HttpExchange>(-1);
        L.Pop(1);
        if (exchange is null)
        {
            return PushFailure(L, "not an HTTP stream: stream.conn is missing");
        }

        if (exchange.IsAnswered)
        {
            return PushFailure(L, "the stream is closed");
        }

        // sock.stream gives the stream table back: keep it in the registry until the socket closes.
        var streamKey = $"silly.stream.{++_lastStream}";
        L.Pop(L.Top - stream);
        L.SetField((int)LuaRegistry.Index, streamKey);
        return host.Suspend(L, UpgradeAsync(exchange, streamKey), &PushOutcome);
    }

    private async ValueTask<Outcome> UpgradeAsync(HttpExchange exchange, string streamKey)
    {
        var (connection, error) = await exchange.UpgradeAsync().ConfigureAwait(false);
        if (connection is null)
        {
            host.Post(() => SillySocket.ForgetStream(host.State, streamKey));
            return new Outcome(null, error);
        }

        var socket = new SillySocket(host, connection, exchange.RemoteAddress, exchange.IsTls, streamKey);
        exchange.Attach(socket, socket.Finished);
        return new Outcome(socket, null);
    }

    // header arrives flattened by Silly.lua as {name, value, name, value, ...}.
    public unsafe int Connect(LuaState L, ReadOnlySpan<byte> url, int header)
    {
        var text = System.Text.Encoding.UTF8.GetString(url);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            return PushFailure(L, $"bad url '{text}' (expected ws://host[:port]/path or wss://...)");
        }

        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; header != 0 && L.RawGetInteger(header, i) != LuaType.Nil; i += 2)
        {
            L.RawGetInteger(header, i + 1);
            headers.Add(new(L.ToUtf8String(-2), L.ToUtf8String(-1)));
            L.Pop(2);
        }

        var options = new WebSocketClientOptions { Headers = headers, Tls = tls, Connection = SillyLimits.Connection };
        return host.Suspend(L, ConnectAsync(uri, options), &PushOutcome);
    }

    private async ValueTask<Outcome> ConnectAsync(Uri uri, WebSocketClientOptions options)
    {
        try
        {
            var connection = await WebSocketClient.ConnectAsync(uri, options).ConfigureAwait(false);
            return new Outcome(new SillySocket(host, connection, $"{uri.Host}:{uri.Port}", uri.Scheme == "wss", null), null);
        }
        catch (Exception e) when (e is WebSocketException or ArgumentException)
        {
            return new Outcome(null, e.Message);
        }
    }

    private static int PushOutcome(LuaState L, Outcome outcome)
    {
        if (outcome.Socket is { } socket)
        {
            SillyBindings.PushSocket(L, socket);
            return 1;
        }

        L.PushNil();
        L.PushString(outcome.Error ?? "");
        return 2;
    }

    private static int PushFailure(LuaState L, string error)
    {
        L.PushInteger(BoundStatus.Ok);
        L.PushNil();
        L.PushString(error);
        return 3;
    }

    private readonly record struct Outcome(SillySocket? Socket, string? Error);
}
