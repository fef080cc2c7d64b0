using System.Security.Cryptography.X509Certificates;
using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Net;

/// <summary>wss:// over SslStream with a CA made by the test (refusals: Reliability/TlsOriginHttpRows.cs).</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact(Timeout = 30_000)]
    public async Task TrustedPrivateCa_Connects_AndEchoes()
    {
        await using var server = StartServer(_certificates.Server());

        var compressed = await EchoCheckOverTlsAsync(server.Url, new ClientTlsOptions { TrustedRoots = _certificates.Roots });

        Assert.Equal("wss", server.Url.Scheme);
        Assert.False(compressed);
    }

    [Fact(Timeout = 30_000)]
    public async Task ClientCertificate_IsRequired_WhenTheServerAsks()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions
        {
            Certificate = _certificates.Server(),
            ClientCertificateRoots = _certificates.Roots,
        });

        await Assert.ThrowsAnyAsync<WebSocketException>(async () =>
        {
            await using var anonymous = await WebSocketClient.ConnectAsync(server.Url,
                new WebSocketClientOptions { Tls = new ClientTlsOptions { TrustedRoots = _certificates.Roots } });
            await anonymous.SendTextAsync("hello");
            if ((await anonymous.ReceiveAsync()).Kind == MessageKind.Close)
            {
                throw new WebSocketException("closed");
            }
        });
        await using var authenticated = await WebSocketClient.ConnectAsync(server.Url, new WebSocketClientOptions
        {
            Tls = new ClientTlsOptions { TrustedRoots = _certificates.Roots, ClientCertificate = _certificates.Client() },
        });
        await using var accepted = await server.AcceptAsync();

        Assert.Equal(WebSocketState.Open, accepted.State);
        accepted.Abort();
    }

    [Fact(Timeout = 30_000)]
    public async Task PemCertificateAndKey_LoadForTheServer()
    {
        using var issued = _certificates.Server();
        var certificatePem = issued.ExportCertificatePem();
        var keyPem = issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        await using var server = StartServer(TlsCertificates.FromPem(certificatePem, keyPem));

        await EchoCheckOverTlsAsync(server.Url, new ClientTlsOptions { TrustedRoots = _certificates.Roots });
    }

    private static WebSocketServer StartServer(X509Certificate2 certificate)
    {
        var server = new WebSocketServer(new WebSocketServerOptions { Certificate = certificate, Connection = Cli.Commands.EchoLoop.TesteeLimits });
        server.Start();
        _ = EchoAllAsync(server);
        return server;
    }

    private static async Task EchoAllAsync(WebSocketServer server)
    {
        try
        {
            while (true)
            {
                _ = Cli.Commands.EchoLoop.RunAsync(await server.AcceptAsync());
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Stopped.
        }
    }

    private static async Task<bool> EchoCheckOverTlsAsync(Uri url, ClientTlsOptions tls)
    {
        await using var client = await WebSocketClient.ConnectAsync(url, new WebSocketClientOptions { Tls = tls });
        var payload = Payloads.Of(200_000, text: true);
        await client.SendAsync(payload, isText: true);
        var echo = await client.ReceiveAsync();
        Assert.Equal(payload, echo.Payload.ToArray());
        await client.CloseAsync();
        return client.IsCompressed;
    }

    public void Dispose() => _certificates.Dispose();
}
