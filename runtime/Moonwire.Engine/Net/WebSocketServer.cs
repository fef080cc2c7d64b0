using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

/// <summary>
/// Listens on host:port, performs each opening handshake (RFC 6455 §4.2) off the accept loop with a
/// timeout, answers bad requests with 400/403/405/414/426/431/505, and hands open connections to
/// <see cref="AcceptAsync"/>. Stopping closes every live connection with 1001.
/// </summary>
public sealed class WebSocketServer : IAsyncDisposable
{
    private readonly WebSocketServerOptions _options;
    private readonly Channel<WebSocketConnection> _accepted;
    private readonly ConcurrentDictionary<WebSocketConnection, byte> _live = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _pendingHandshakes;
    private int _stopped;

    /// <summary>A server that listens once <see cref="Start"/> is called.</summary>
    public WebSocketServer(WebSocketServerOptions options)
    {
        _options = options;
        _accepted = Channel.CreateBounded<WebSocketConnection>(new BoundedChannelOptions(options.AcceptQueueLength)
        {
            SingleWriter = false,
            SingleReader = false,
        });
    }

    /// <summary>The address the server listens on, once started.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started."));

    /// <summary>The port the server listens on, once started (the one picked when the options said 0).</summary>
    public int Port => LocalEndPoint.Port;

    /// <summary>The URL clients connect to, e.g. ws://127.0.0.1:9001/.</summary>
    public Uri Url
    {
        get
        {
            var host = LocalEndPoint.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{LocalEndPoint.Address}]" : LocalEndPoint.Address.ToString();
            return new Uri($"{(_options.Certificate is null ? "ws" : "wss")}://{host}:{Port}/");
        }
    }

    /// <summary>Open connections accepted by this server.</summary>
    public int ConnectionCount => _live.Count;

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public void Start()
    {
        var address = _options.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(_options.Host);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, _options.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>The next connection that completed its handshake.</summary>
    public ValueTask<WebSocketConnection> AcceptAsync(CancellationToken cancellationToken = default) =>
        _accepted.Reader.ReadAsync(cancellationToken);

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException)
            {
                // A connection that reset while queued: keep accepting the others.
                continue;
            }

            if (Interlocked.Increment(ref _pendingHandshakes) > _options.MaxPendingHandshakes)
            {
                Interlocked.Decrement(ref _pendingHandshakes);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            _ = HandshakeAsync(socket);
        }

        _accepted.Writer.TryComplete();
    }

    private async Task HandshakeAsync(Socket socket)
    {
        Stream? stream = new NetworkStream(socket, ownsSocket: true);
        using var buffer = new ByteBuffer(4096);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            if (_options.Certificate is { } certificate)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(ServerTls.Options(certificate, _options.ClientCertificateRoots), timeout.Token)
                    .ConfigureAwait(false);
            }

            var connection = await UpgradeAsync(stream, buffer, socket.RemoteEndPoint, timeout.Token).ConfigureAwait(false);
            if (connection is null)
            {
                return;
            }

            stream = null;
            _live.TryAdd(connection, 0);
            connection.Closed += c => _live.TryRemove(c, out _);
            if (!_accepted.Writer.TryWrite(connection))
            {
                await _accepted.Writer.WriteAsync(connection, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException or ChannelClosedException)
        {
            // A peer that failed its handshake, timed out or arrived during shutdown simply goes away.
        }
        finally
        {
            stream?.Dispose();
            Interlocked.Decrement(ref _pendingHandshakes);
        }
    }

    /// <summary>Reads the request head, answers it, and returns the open connection (or null after a rejection).</summary>
    private async Task<WebSocketConnection?> UpgradeAsync(Stream stream, ByteBuffer buffer, EndPoint? remote, CancellationToken cancellationToken)
    {
        HttpRequestHead? head;
        int consumed;
        while (true)
        {
            var status = HttpHeadParser.TryParseRequest(buffer.ReadableSpan, _options.RequestLimits, out head, out consumed);
            if (status == HeadParseStatus.Done)
            {
                break;
            }

            if (status != HeadParseStatus.NeedMoreData)
            {
                await RejectAsync(stream, new ServerHandshakeDecision { StatusCode = HttpHeadParser.StatusCodeFor(status), Reason = $"Bad request: {status}" },
                    cancellationToken).ConfigureAwait(false);
                return null;
            }

            var read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            buffer.Advance(read);
        }

        var decision = ServerHandshake.Evaluate(head!, _options.Handshake);
        if (!decision.Accepted)
        {
            await RejectAsync(stream, decision, cancellationToken).ConfigureAwait(false);
            return null;
        }

        DeflateParameters? agreed = null;
        string? extensions = null;
        if (_options.Deflate is { } deflate && decision.ExtensionOffers.Count > 0
            && DeflateNegotiation.TryAccept(decision.ExtensionOffers, deflate, out var parameters, out var response))
        {
            agreed = parameters;
            extensions = response;
        }

        var leftover = buffer.ReadableSpan[consumed..].ToArray();
        buffer.Clear();
        ServerHandshake.WriteAccept(buffer, decision.Key!, decision.SubProtocol, extensions);
        await stream.WriteAsync(buffer.ReadableMemory, cancellationToken).ConfigureAwait(false);
        var info = new HandshakeInfo(head!.Target, head.Headers, decision.SubProtocol, extensions, remote);
        return new WebSocketConnection(stream, Role.Server, _options.Connection, agreed, _options.Deflate, leftover, info);
    }

    private static async Task RejectAsync(Stream stream, ServerHandshakeDecision decision, CancellationToken cancellationToken)
    {
        using var response = new ByteBuffer(512);
        ServerHandshake.WriteRejection(response, decision);
        await stream.WriteAsync(response.ReadableMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening and closes every live connection (closing handshake with <paramref name="code"/>).</summary>
    public async Task StopAsync(ushort code = CloseCode.GoingAway, string reason = "server shutting down")
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        while (_accepted.Reader.TryRead(out var waiting))
        {
            await waiting.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_live.Keys.Select(c => c.CloseAsync(code, reason))).ConfigureAwait(false);
    }

    /// <summary>Stops as <see cref="StopAsync"/> does, with 1001.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
