using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>wss:// with the cert table: caCert verification, insist, and client certificates.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestPki _pki = new();

    [Theory(Timeout = 30_000)]
    [InlineData("nil", true, "true")]
    [InlineData("{caCert = 'ca.crt'}", true, "true")]
    [InlineData("{caCert = 'other-ca.crt'}", true, "false")]
    [InlineData("{caCert = 'ca.crt'}", false, "true")]
    [InlineData("{caCert = 'ca.crt', insist = 1}", false, "true")]
    [InlineData("{caCert = 'ca.crt', insist = 0}", false, "false")]
    [InlineData("{}", false, "true")]
    public async Task The_server_is_verified_only_against_caCert_and_insist_decides_a_name_mismatch(string cert, bool serverForLoopback, string connected)
    {
        await using var server = new EchoServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0, Certificate = _pki.Server(serverForLoopback) });

        var output = await RunAsync(server, cert);

        Assert.Equal([connected], output);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{caCert = 'ca.crt', clientCert = 'client.crt', clientKey = 'client.key', clientPassword = '123456'}", "true")]
    [InlineData("{caCert = 'ca.crt'}", "false")]
    [InlineData("{caCert = 'ca.crt', clientCert = 'client.crt', clientKey = 'client.key', clientPassword = 'wrong'}", "false")]
    [InlineData("{caCert = 'ca.crt', clientCert = 'missing.crt', clientKey = 'client.key'}", "false")]
    public async Task A_server_that_asks_for_a_client_certificate_gets_clientCert(string cert, string connected)
    {
        await using var server = new EchoServer(new WebSocketServerOptions
        {
            Host = "127.0.0.1",
            Port = 0,
            Certificate = _pki.Server(forLoopback: true),
            ClientCertificateRoots = _pki.Roots,
        });

        var output = await RunAsync(server, cert);

        Assert.Equal([connected], output);
    }

    private async Task<IReadOnlyList<string>> RunAsync(EchoServer server, string cert)
    {
        await using var script = await LuatosScript.StartAsync(_pki.Folder);
        Assert.True(await script.RunToEndAsync($$"""
            sys.taskInit(function(url)
              local ws = websocket.new(url, {{cert}})
              local ok = ws:connect(5000)
              if ok then
                ws:send("over tls")
                ok = select(2, ws:recv()) == "over tls"
                ws:close()
              end
              log.info("t", tostring(ok))
            end, ...)
            """, server.Url));
        return script.Output;
    }

    public void Dispose() => _pki.Dispose();
}
