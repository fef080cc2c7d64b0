using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

/// <summary>Opens client connections: TCP, optional TLS, then the opening handshake (RFC 6455 §4.1).</summary>
public static class WebSocketClient
{
    /// <summary>
    /// Connects to a ws:// or wss:// URL. Every failure — refused, unreachable, timed out, TLS, a non-101
    /// answer, a bad Sec-WebSocket-Accept, an unasked subprotocol or extension — is a
    /// <see cref="WebSocketException"/> with a message a user can act on, and leaves nothing open.
    /// </summary>
    public static async Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        options ??= new WebSocketClientOptions();
        var secure = uri.Scheme switch
        {
            "ws" => false,
            "wss" => true,
            _ => throw new ArgumentException($"A WebSocket URL starts with ws:// or wss://, not {uri.Scheme}://.", nameof(uri)),
        };
        var request = new ClientHandshakeRequest(uri, WebSocketKey.Create())
        {
            SubProtocols = options.SubProtocols,
            ExtensionOffer = options.Deflate is { } deflate ? DeflateNegotiation.CreateOffer(deflate) : null,
            Headers = options.Headers,
            Origin = options.Origin,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        using var buffer = new ByteBuffer(4096);
        ClientHandshake.WriteRequest(buffer, request);
        Stream? stream = null;
        var refusal = new StrongBox<string?>();
        try
        {
            var socket = await ConnectSocketAsync(uri.IdnHost, uri.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(options.Tls.ToSslOptions(uri.IdnHost, refusal), timeout.Token).ConfigureAwait(false);
            }

            await stream.WriteAsync(buffer.ReadableMemory, timeout.Token).ConfigureAwait(false);
            buffer.Clear();
            var (head, consumed) = await ReadResponseAsync(stream, buffer, options.ResponseLimits, timeout.Token).ConfigureAwait(false);
            var agreed = Validate(head, request, options, out var subProtocol, out var extensions);
            var info = new HandshakeInfo(uri.PathAndQuery, head.Headers, subProtocol, extensions, socket.RemoteEndPoint);
            var connection = new WebSocketConnection(stream, Role.Client, options.Connection, agreed, options.Deflate,
                buffer.ReadableSpan[consumed..], info);
            stream = null;
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketException($"Opening handshake with {uri} timed out after {options.HandshakeTimeout.TotalSeconds:0.###} s.");
        }
        catch (AuthenticationException e)
        {
            throw new WebSocketException($"TLS handshake with {uri} failed: {refusal.Value ?? e.Message}", e);
        }
        catch (IOException e)
        {
            throw new WebSocketException($"Connection to {uri} failed during the handshake: {e.Message}", e);
        }
        finally
        {
            stream?.Dispose();
        }
    }

    private static async Task<Socket> ConnectSocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new WebSocketException($"Cannot resolve host '{host}': {e.Message}", e);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                last = e;
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new WebSocketException($"Cannot connect to {host}:{port}: {last?.Message ?? "no address"}", last!);
    }

    private static async Task<(HttpResponseHead Head, int Consumed)> ReadResponseAsync(Stream stream, ByteBuffer buffer,
        HttpLimits limits, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = HttpHeadParser.TryParseResponse(buffer.ReadableSpan, limits, out var head, out var consumed);
            if (status == HeadParseStatus.Done)
            {
                return (head!, consumed);
            }

            if (status != HeadParseStatus.NeedMoreData)
            {
                throw new WebSocketException($"The server's handshake response is invalid ({status}).");
            }

            var read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new WebSocketException("The server closed the connection during the opening handshake.");
            }

            buffer.Advance(read);
        }
    }

    private static DeflateParameters? Validate(HttpResponseHead head, ClientHandshakeRequest request, WebSocketClientOptions options,
        out string? subProtocol, out string? extensions)
    {
        var error = ClientHandshake.Validate(head, request, out subProtocol, out extensions);
        if (error is null && extensions is not null)
        {
            if (options.Deflate is not { } offered)
            {
                error = "The server accepted an extension that was not offered.";
            }
            else if (DeflateNegotiation.TryParseResponse(extensions, offered, out var agreed, out var deflateError))
            {
                return agreed;
            }
            else
            {
                error = $"The server's permessage-deflate response is invalid: {deflateError}";
            }
        }

        return error is null
            ? null
            : throw new WebSocketException(error) { HandshakeStatusCode = head.StatusCode, HandshakeHeaders = head.Headers };
    }
}
