using System.Buffers;
using System.Net;
using System.Text;
using KeraLua;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// <c>net.http</c>: every call returns at once and its callback runs later on the host thread with
/// <c>resp = {status, body, error, ok}</c>. Pending requests keep the script alive; unloading the
/// script cancels them and drops their callbacks.
/// </summary>
internal sealed class NetHttp : INetHttpModule
{
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly HooziSession _session;
    private readonly HttpClient _client;

    public NetHttp(HooziSession session, ClientTlsOptions tls)
    {
        _session = session;
        _client = new HttpClient(new SocketsHttpHandler
        {
            // https:// trusts what wss:// trusts: the host's private CA, if it passed one.
            SslOptions = tls.ToHttpsOptions(),
            AutomaticDecompression = DecompressionMethods.All,
            // Long-lived scripts must see DNS changes; idle sockets must not outlive a short script by much.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // HttpTransfer follows redirects itself, dropping credentials on the way to another origin.
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = HttpTransfer.MaxBodyBytes,
        };
        _ = session.Host.Completion.ContinueWith(_ => _client.Dispose(), TaskScheduler.Default);
    }

    public int Get(LuaState L, ReadOnlySpan<byte> url, int callback, long timeout) =>
        Start(L, new HttpCall(Text(url), HttpMethod.Get, [], null, null, null, Seconds(timeout, "get", 3)), callback);

    public int Get(LuaState L, ReadOnlySpan<byte> url, HttpOptions options, int callback) =>
        Start(L, FromOptions(L, url, HttpMethod.Get, options, "get"), callback);

    public int Post(LuaState L, ReadOnlySpan<byte> url, ReadOnlySpan<byte> body, string contentType, int callback, long timeout) =>
        Start(L, new HttpCall(Text(url), HttpMethod.Post, [], body.ToArray(), ContentType(contentType, "post", 3), null, Seconds(timeout, "post", 5)), callback);

    public int Post(LuaState L, ReadOnlySpan<byte> url, HttpOptions options, int callback) =>
        Start(L, FromOptions(L, url, HttpMethod.Post, options, "post"), callback);

    public int Request(LuaState L, ReadOnlySpan<byte> url, string method, HttpOptions options, int callback)
    {
        HttpMethod parsed;
        try
        {
            parsed = HttpMethod.Parse(method.ToUpperInvariant());
        }
        catch (FormatException)
        {
            throw new LuaException($"bad argument #2 to 'request' (invalid HTTP method '{method}')");
        }

        return Start(L, FromOptions(L, url, parsed, options, "request"), callback);
    }

    private int Start(LuaState L, HttpCall call, int callback)
    {
        var host = _session.Host;
        var reference = L.Reference(callback);
        var pending = new PendingRequest();
        var ownership = host.Own(pending);
        _ = Task.Run(async () =>
        {
            var result = Uri.TryCreate(call.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? await HttpTransfer.RunAsync(_client, call, pending.Stopping).ConfigureAwait(false)
                : HttpResult.Failed($"bad URL '{call.Url}': an absolute http:// or https:// URL is needed");
            _session.Post(() =>
            {
                ownership.Dispose();
                host.State.PushReference(reference);
                host.State.ReleaseReference(reference);
                PushResponse(host.State, result);
                host.Callback(1);
            });
        });
        return 0;
    }

    private HttpCall FromOptions(LuaState L, ReadOnlySpan<byte> url, HttpMethod method, HttpOptions options, string function)
    {
        var save = options.SaveToFile == 0 ? "" : L.ToUtf8String(options.SaveToFile);
        return new HttpCall(
            Text(url),
            method,
            options.Headers == 0 ? [] : Headers(L, options.Headers, function),
            options.Body == 0 ? null : L.ToUtf8Bytes(options.Body).ToArray(),
            options.ContentType == 0 ? null : ContentType(L.ToUtf8String(options.ContentType), function, 2),
            save.Length == 0 ? null : _session.Host.Options.Root.Resolve(save),
            Seconds(options.Timeout, function, 2, "field 'timeout': "));
    }

    private static List<KeyValuePair<string, string>> Headers(LuaState L, int table, string function)
    {
        var headers = new List<KeyValuePair<string, string>>();
        L.PushNil();
        while (L.Next(table))
        {
            // A string key: lua_tolstring never converts it in place, which would confuse lua_next.
            if (L.TypeAt(-2) != LuaType.String || L.TypeAt(-1) is not (LuaType.String or LuaType.Number))
            {
                var types = $"{L.TypeNameAt(-2)} = {L.TypeNameAt(-1)}";
                L.Pop(2);
                throw new LuaException($"bad argument #2 to '{function}' (field 'headers': string = string expected, got {types})");
            }

            var (name, value) = (L.ToUtf8String(-2), L.ToUtf8String(-1));
            // CR or LF would end the line early and let the script's text become headers of its own
            // (reliability row HT-1): refused before anything is sent.
            if (name.AsSpan().ContainsAnyExcept(TokenCharacters) || name.Length == 0 || value.AsSpan().ContainsAny("\r\n\0"))
            {
                L.Pop(2);
                throw new LuaException($"bad argument #2 to '{function}' (field 'headers': invalid header " +
                    $"'{name.ReplaceLineEndings("\\n")}': a name is a token, a value holds no CR, LF or NUL)");
            }

            headers.Add(new(name, value));
            L.Pop(1);
        }

        return headers;
    }

    private static string ContentType(string value, string function, int position) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(value, out _)
            ? value
            : throw new LuaException($"bad argument #{position} to '{function}' (invalid content type '{value}')");

    private static TimeSpan Seconds(long timeout, string function, int position, string field = "") =>
        timeout is >= 1 and <= 24 * 3600
            ? TimeSpan.FromSeconds(timeout)
            : throw new LuaException($"bad argument #{position} to '{function}' ({field}timeout must be 1..86400 seconds, got {timeout})");

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static void PushResponse(LuaState L, HttpResult result)
    {
        L.NewTable(0, 4);
        L.PushInteger(result.Status);
        L.SetField(-2, "status");
        L.PushUtf8(result.Body);
        L.SetField(-2, "body");
        L.PushString(result.Error);
        L.SetField(-2, "error");
        L.PushBoolean(result.Ok);
        L.SetField(-2, "ok");
    }

    /// <summary>A request the script is waiting for: the host owns it, so stopping cancels it.</summary>
    private sealed class PendingRequest : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public CancellationToken Stopping => _stop.Token;

        public async ValueTask DisposeAsync() => await _stop.CancelAsync().ConfigureAwait(false);
    }
}
