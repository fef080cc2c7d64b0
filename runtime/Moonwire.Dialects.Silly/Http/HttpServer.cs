using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly.Http;

/// <summary>
/// The server behind <c>http.listen</c>: Kestrel on one address (plain or TLS), handing each request
/// to the script as an <see cref="HttpExchange"/> through <see cref="AcceptAsync"/>.
/// </summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private readonly Channel<HttpExchange> _requests = Channel.CreateUnbounded<HttpExchange>();
    private readonly ConcurrentDictionary<IAsyncDisposable, Task> _upgraded = new();
    private readonly WebApplication _app;
    private readonly bool _tls;
    private IDisposable? _ownership;
    private int _disposed;

    private HttpServer(string address, X509Certificate2? certificate)
    {
        var (host, port) = ParseAddress(address);
        _tls = certificate is not null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            void Configure(ListenOptions listen)
            {
                // WebSocket upgrades are an HTTP/1.1 mechanism.
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }

            if (host is null)
            {
                kestrel.ListenAnyIP(port, Configure);
            }
            else
            {
                kestrel.Listen(host, port, Configure);
            }
        });
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    /// <summary>Starts listening on <paramref name="address"/> (silly's "host:port", host optional).</summary>
    public static async Task<HttpServer> StartAsync(string address, X509Certificate2? certificate)
    {
        var server = new HttpServer(address, certificate);
        try
        {
            await server._app.StartAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server._app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes the script own the server until it is closed.</summary>
    public void OwnedBy(LuaHost host) => _ownership = host.Own(this);

    /// <summary>
    /// Tracks a socket upgraded from one of this server's requests until it finishes: closing the
    /// server closes it first, since Kestrel would otherwise wait for it and then drop it without a Close.
    /// </summary>
    public void Track(IAsyncDisposable socket, Task finished)
    {
        _upgraded[socket] = finished;
        _ = finished.ContinueWith(_ => _upgraded.TryRemove(socket, out Task? _), TaskScheduler.Default);
    }

    /// <summary>The next request, or null once the server is closed.</summary>
    public async ValueTask<HttpExchange?> AcceptAsync()
    {
        while (await _requests.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_requests.Reader.TryRead(out var exchange))
            {
                return exchange;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _requests.Writer.TryComplete();
        await Task.WhenAll(_upgraded.Keys.Select(socket => socket.DisposeAsync().AsTask())).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _ownership?.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var exchange = new HttpExchange(context, _tls, this);
        if (!_requests.Writer.TryWrite(exchange))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await exchange.ServeAsync().ConfigureAwait(false);
    }

    // ":8080" listens on every interface; "127.0.0.1:8080", "[::1]:8080" and "localhost:8080" on one.
    private static (IPAddress? Host, int Port) ParseAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new LuaException($"bad address '{address}' (expected \"host:port\" or \":port\")");
        }

        var host = address[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return (null, port);
        }

        if (host == "localhost")
        {
            return (IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var ip) ? (ip, port) : throw new LuaException($"bad address '{address}' (the host must be an IP address or localhost)");
    }
}
