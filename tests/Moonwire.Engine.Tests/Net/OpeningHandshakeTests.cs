using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Net;

/// <summary>RFC 6455 §4 over real sockets: what our server answers, and what our client refuses.</summary>
public sealed class OpeningHandshakeTests
{
    [Theory(Timeout = 20_000)]
    [InlineData("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "426")]
    [InlineData("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "405")]
    [InlineData("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n", "400")]
    [InlineData("this is not http\r\n\r\n", "400")]
    public async Task Section4_2_1_BadRequests_AreAnsweredWithTheirStatus(string request, string status)
    {
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.ConnectAsync(server.Url);

        var head = await peer.RequestAsync(request);

        Assert.StartsWith($"HTTP/1.1 {status}", head, StringComparison.Ordinal);
        await peer.ReadToEndAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task SubprotocolAndHeaders_ReachTheServer()
    {
        await using var pair = await Loopback.OpenAsync(
            new WebSocketServerOptions { Handshake = new ServerHandshakeOptions { SubProtocols = ["chat.v2", "chat.v1"] } },
            new WebSocketClientOptions
            {
                SubProtocols = ["chat.v1", "chat.v2"],
                Headers = [new("X-Trace", "a"), new("X-Trace", "2"), new("Authorization", "Bearer t")],
            });

        Assert.Equal("chat.v2", pair.Client.SubProtocol);
        Assert.Equal("chat.v2", pair.Accepted.SubProtocol);
        Assert.Equal(["a", "2"], pair.Accepted.Handshake.Headers.GetAll("x-trace"));
        Assert.Equal("Bearer t", pair.Accepted.Handshake.Headers.Get("Authorization"));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: d3JvbmcgYWNjZXB0IHZhbHVlIQ==\r\n\r\n", null)]
    [InlineData("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\n\r\n", 401)]
    [InlineData("HTTP/1.1 302 Found\r\nLocation: ws://elsewhere/\r\nContent-Length: 0\r\n\r\n", 302)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: never-offered\r\n\r\n", null)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", null)]
    public async Task Section4_1_ClientRefusesABadResponse(string response, int? status)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeOnceAsync(listener, response);

        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/")));

        await serving;
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (status is not null)
        {
            Assert.Equal(status, error.HandshakeStatusCode);
            Assert.Contains(status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task RefusedConnection_IsAWebSocketException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/")));

        Assert.Contains("Cannot connect", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task SilentServer_TimesOut()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(
            new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            new WebSocketClientOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task UnsupportedScheme_IsAnArgumentError() =>
        await Assert.ThrowsAsync<ArgumentException>(() => WebSocketClient.ConnectAsync(new Uri("http://127.0.0.1/")));

    /// <summary>Answers one request with a canned response ({accept} is replaced by the right Sec-WebSocket-Accept).</summary>
    private static async Task ServeOnceAsync(TcpListener listener, string response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var key = request.ToString().Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response.Replace("{accept}", WebSocketKey.ComputeAccept(key), StringComparison.Ordinal)));
        await Task.Delay(200);
    }
}
