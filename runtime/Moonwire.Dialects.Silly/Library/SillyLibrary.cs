using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KeraLua;
using Moonwire.Dialects.Silly.Http;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly.Library;

/// <summary>
/// The raw C# side of silly's companion modules (silly.net.http, silly.sync.channel); their Lua side,
/// which checks arguments and raises, is Silly.lua. Status first, never raising, like generated bindings.
/// </summary>
internal sealed class SillyLibrary(LuaHost host)
{
    public const string ServerMetatable = "silly.HttpServer";
    public const string ExchangeMetatable = "silly.HttpConn";
    public const string SignalMetatable = "silly.Signal";

    public LuaHost Host { get; } = host;

    public unsafe void Register()
    {
        Host.Bind("silly_http_listen", &Listen, this);
        Host.Bind("silly_http_accept", &Accept, this);
        Host.Bind("silly_http_server_close", &CloseServer, this);
        Host.Bind("silly_http_request", &Request, this);
        Host.Bind("silly_http_respond", &Respond, this);
        Host.Bind("silly_http_close", &CloseExchange, this);
        Host.Bind("silly_signal_new", &NewSignal, this);
        Host.Bind("silly_signal_wait", &WaitSignal, this);
        Host.Bind("silly_signal_set", &SetSignal, this);
        Host.Bind("silly_release", &Release, this);
    }

    // listen(addr, certs) → server | nil, err. Starting Kestrel is quick, so it blocks the host
    // thread briefly instead of suspending: silly's listen works outside a coroutine too.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Listen(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        var address = L.ToUtf8String(1);
        var certificate = L.TypeAt(2) == LuaType.Table ? ReadCertificate(L, 2) : null;
        HttpServer server;
        try
        {
            server = HttpServer.StartAsync(address, certificate).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            L.PushInteger(BoundStatus.Ok);
            L.PushNil();
            L.PushString($"listen on '{address}' failed: {e.Message}");
            return 3;
        }

        server.OwnedBy(self.Host);
        L.PushInteger(BoundStatus.Ok);
        L.PushUserdata(server, ServerMetatable);
        return 2;
    });

    // certs = {{cert = PEM, key = PEM}, ...}: Kestrel serves one certificate, the first.
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 ReadCertificate(LuaState L, int certs)
    {
        if (L.RawGetInteger(certs, 1) != LuaType.Table)
        {
            throw new LuaException("bad argument #1 to 'listen' (certs must hold {cert = PEM, key = PEM} tables)");
        }

        L.GetField(-1, "cert");
        L.GetField(-2, "key");
        if (L.TypeAt(-2) != LuaType.String || L.TypeAt(-1) != LuaType.String)
        {
            throw new LuaException("bad argument #1 to 'listen' (certs[1].cert and certs[1].key must be PEM strings)");
        }

        try
        {
            return TlsCertificates.FromPem(L.ToUtf8String(-2), L.ToUtf8String(-1));
        }
        catch (CryptographicException e)
        {
            throw new LuaException($"bad argument #1 to 'listen' (certs[1] is not a usable PEM certificate and key: {e.Message})");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int Accept(nint l) => Guard(new LuaState(l), static (L, self) =>
        self.Host.Suspend(L, Target<HttpServer>(L, 1).AcceptAsync(), &PushExchange));

    private static int PushExchange(LuaState L, HttpExchange? exchange)
    {
        if (exchange is null)
        {
            L.PushNil();
        }
        else
        {
            L.PushUserdata(exchange, ExchangeMetatable);
        }

        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CloseServer(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        _ = Target<HttpServer>(L, 1).DisposeAsync().AsTask();
        L.PushInteger(BoundStatus.Ok);
        return 1;
    });

    // request(conn) → method, path, version, header (lower-case names; repeated fields joined by ", ").
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Request(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        var request = Target<HttpExchange>(L, 1).Context.Request;
        L.PushInteger(BoundStatus.Ok);
        L.PushString(request.Method);
        L.PushString(request.Path.Value + request.QueryString.Value);
        L.PushString(request.Protocol);
        L.NewTable(0, request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            L.PushString(values.ToString());
            L.SetField(-2, name.ToLowerInvariant());
        }

        return 5;
    });

    // respond(conn, status, {name, value, name, value, ...}): Silly.lua flattens the header table.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Respond(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        var exchange = Target<HttpExchange>(L, 1);
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; L.RawGetInteger(3, i) != LuaType.Nil; i += 2)
        {
            L.RawGetInteger(3, i + 1);
            headers.Add(new(L.ToUtf8String(-2), L.ToUtf8String(-1)));
            L.Pop(2);
        }

        exchange.Respond((int)L.ToInteger(2), headers);
        L.PushInteger(BoundStatus.Ok);
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CloseExchange(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        Target<HttpExchange>(L, 1).Close(L.TypeAt(2) == LuaType.String ? L.ToUtf8Bytes(2).ToArray() : []);
        L.PushInteger(BoundStatus.Ok);
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int NewSignal(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        L.PushInteger(BoundStatus.Ok);
        L.PushUserdata(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), SignalMetatable);
        return 2;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int WaitSignal(nint l) => Guard(new LuaState(l), static (L, self) =>
        self.Host.Suspend(L, WaitAsync(Target<TaskCompletionSource>(L, 1).Task), &PushNothing));

    private static async ValueTask<bool> WaitAsync(Task signal)
    {
        await signal.ConfigureAwait(false);
        return true;
    }

    private static int PushNothing(LuaState L, bool _) => 0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetSignal(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        Target<TaskCompletionSource>(L, 1).TrySetResult();
        L.PushInteger(BoundStatus.Ok);
        return 1;
    });

    // __gc of every userdata above: lets go of the C# object.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Release(nint l)
    {
        new LuaState(l).ReleaseUserdata(1);
        return 0;
    }

    private static T Target<T>(LuaState L, int index) where T : class =>
        L.ToTarget<T>(index) ?? throw new LuaException($"bad argument #{index} ({typeof(T).Name} expected, got {L.TypeNameAt(index)})");

    // An exception must not unwind into Lua's C frames.
    private static int Guard(LuaState L, Func<LuaState, SillyLibrary, int> body)
    {
        var top = L.Top;
        try
        {
            return body(L, L.ToTarget<SillyLibrary>(L.UpvalueIndex(1))!);
        }
        catch (Exception e)
        {
            L.Pop(L.Top - top);
            L.PushInteger(BoundStatus.Error);
            L.PushString(e is LuaException ? e.Message : $"internal error: {e.Message}");
            return 2;
        }
    }
}
