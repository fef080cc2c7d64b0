using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows T-1…T-3 and O-1 (docs/reliability.md): certificate checks on by default, a stalled TLS
/// handshake, and the Origin allow-list against cross-site WebSocket hijacking. (The HTTP client rows HT-*
/// are HOOZi's net.http: tests/Moonwire.Dialects.Hoozi.Tests/Reliability.)
/// </summary>
public sealed class TlsOriginHttpRows : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact(Timeout = 30_000)]
    public async Task T_1_CertificateForAnotherHost_IsRefused_UnlessDangerouslyAllowed()
    {
        await using var server = StartServer(_certificates.Server("other.example", includeLoopbackIp: false));

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(server.Url,
            new WebSocketClientOptions { Tls = new ClientTlsOptions { TrustedRoots = _certificates.Roots } }));
        await using var tolerated = await WebSocketClient.ConnectAsync(server.Url, new WebSocketClientOptions
        {
            Tls = new ClientTlsOptions { TrustedRoots = _certificates.Roots, DangerousAllowHostNameMismatch = true },
        });

        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, tolerated.State);
        tolerated.Abort();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("untrusted CA")]
    [InlineData("expired")]
    [InlineData("self-signed")]
    public async Task T_2_UntrustedExpiredOrSelfSignedCertificate_IsRefusedByDefault(string fault)
    {
        (X509Certificate2 Certificate, X509Certificate2Collection? Trusted) chosen = fault switch
        {
            "untrusted CA" => (_certificates.Server(), null),
            "expired" => (_certificates.Server(expired: true), _certificates.Roots),
            _ => (_certificates.Server(selfSigned: true), _certificates.Roots),
        };
        await using var server = StartServer(chosen.Certificate);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(server.Url,
            new WebSocketClientOptions { Tls = new ClientTlsOptions { TrustedRoots = chosen.Trusted } }));
        await using var insecure = await WebSocketClient.ConnectAsync(server.Url,
            new WebSocketClientOptions { Tls = new ClientTlsOptions { DangerousAcceptAnyServerCertificate = true } });

        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, insecure.State);
        insecure.Abort();
    }

    [Fact(Timeout = 30_000)]
    public async Task T_2_TheHostNameIsSentAsSni()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var certificate = _certificates.Server();
        var serving = ReadSniAsync(listener, certificate);

        await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(
            new Uri($"wss://localhost:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            new WebSocketClientOptions { Tls = new ClientTlsOptions { TrustedRoots = _certificates.Roots }, HandshakeTimeout = TimeSpan.FromSeconds(5) }));

        Assert.Equal("localhost", await serving);
    }

    [Fact(Timeout = 30_000)]
    public async Task T_3_ServerThatStallsTheTlsHandshake_IsAbortedAtTheOpenTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(
            new Uri($"wss://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            new WebSocketClientOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task T_3_ClientThatStallsTheTlsHandshake_IsDroppedAtTheHandshakeTimeout()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions
        {
            Certificate = _certificates.Server(),
            HandshakeTimeout = TimeSpan.FromSeconds(1),
        });
        await using var peer = await RawPeer.ConnectAsync(server.Url);

        Assert.Empty(await peer.ReadToEndAsync());
    }

    /// <summary>
    /// Cross-site WebSocket hijacking: a browser sends the victim's cookies with a cross-site upgrade, and CORS
    /// does not apply. With an allow-list the foreign page gets 403; without one (the default, as in every
    /// .NET anchor) any origin is let in, which is why docs/reliability.md tells cookie-authenticated servers to set one.
    /// </summary>
    [Theory(Timeout = 20_000)]
    [InlineData("https://evil.example", true, "403")]
    [InlineData("https://app.example", true, "101")]
    [InlineData("https://evil.example", false, "101")]
    public async Task O_1_CrossSiteUpgradeWithCookies_Is403_WhenAnAllowListIsSet(string origin, bool allowList, string status)
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions
        {
            Handshake = new ServerHandshakeOptions { AllowedOrigins = allowList ? ["https://app.example"] : null },
        });
        await using var browser = await RawPeer.ConnectAsync(server.Url);

        var head = await browser.RequestAsync(RawPeer.UpgradeRequest(extra: $"Origin: {origin}\r\nCookie: session=victim\r\n"));

        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        if (status == "101")
        {
            await using var accepted = await server.AcceptAsync();
            Assert.Equal(origin, accepted.Handshake.Headers.Get("Origin"));
            accepted.Abort();
        }
    }

    private static WebSocketServer StartServer(X509Certificate2 certificate) =>
        Loopback.StartServer(new WebSocketServerOptions { Certificate = certificate });

    /// <summary>A TLS server that records the name the client asked for (SNI), then lets the handshake fail.</summary>
    private static async Task<string?> ReadSniAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var ssl = new SslStream(client.GetStream());
        string? requested = null;
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = (_, name) =>
                {
                    requested = name;
                    return certificate;
                },
            });
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // The client may reject us afterwards; the name is what this test is after.
        }

        return requested;
    }

    public void Dispose() => _certificates.Dispose();
}
