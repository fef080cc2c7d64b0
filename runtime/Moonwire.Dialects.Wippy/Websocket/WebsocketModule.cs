using Moonwire.Dialects.Wippy.Library;
using Moonwire.Dialects.Wippy.Security;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Websocket;

/// <summary><c>websocket.connect</c>: the security checks, then a dial that suspends the calling process.</summary>
internal sealed class WebsocketModule(LuaHost host, SecurityPolicy policy) : IWebsocketModule
{
    private long _lastClient;

    public unsafe int Connect(LuaState L, ReadOnlySpan<byte> url, ConnectOptions options)
    {
        // Wippy's order: the capability, the URL's presence, the URL's own rule, then the options.
        if (!policy.Permits(SecurityPolicy.Connect))
        {
            return Failed(L, WippyError.Fatal(WippyError.PermissionDenied, "websocket connections not allowed"));
        }

        if (url.IsEmpty)
        {
            throw new LuaException("bad argument #1 to 'connect' (URL must not be empty)");
        }

        var text = System.Text.Encoding.UTF8.GetString(url);
        if (!policy.Permits(SecurityPolicy.ConnectUrl, text))
        {
            return Failed(L, WippyError.Fatal(WippyError.PermissionDenied, "not allowed: " + text));
        }

        var settings = ClientSettings.Read(L, options);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            return Failed(L, WippyError.Fatal(WippyError.Invalid, $"invalid websocket URL '{text}': it must start with ws:// or wss://"));
        }

        return host.Suspend(L, DialAsync(uri, settings, ++_lastClient), &PushOutcome);
    }

    private async ValueTask<(WippyClient? Client, WippyError? Error)> DialAsync(Uri uri, ClientSettings settings, long id)
    {
        using var deadline = new CancellationTokenSource();
        var client = settings.Client;
        if (settings.DialTimeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
            client = client with { HandshakeTimeout = timeout };
        }

        try
        {
            var connection = await WebSocketClient.ConnectAsync(uri, client, deadline.Token).ConfigureAwait(false);
            return (new WippyClient(host, connection, settings, id), null);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ArgumentException)
        {
            var reason = e is OperationCanceledException ? "dial timed out" : e.Message;
            return (null, new WippyError(WippyError.Internal, "failed to dial websocket: " + reason, Retryable: true));
        }
    }

    private static int PushOutcome(LuaState L, (WippyClient? Client, WippyError? Error) outcome)
    {
        if (outcome.Client is { } client)
        {
            WippyBindings.PushClient(L, client);
            return 1;
        }

        L.PushNil();
        outcome.Error!.Push(L);
        return 2;
    }

    private static int Failed(LuaState L, WippyError error)
    {
        L.PushInteger(BoundStatus.Ok);
        L.PushNil();
        error.Push(L);
        return 3;
    }
}
