using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;

namespace Moonwire.Dialects.Hoozi.Tests.WebSockets;

/// <summary>
/// net.ws:connect to wss:// (the document's client example dials one): a loopback TLS server with a
/// certificate from a CA the test makes. The certificate is checked, never waved through: trusted only
/// when the host passes that CA to the dialect.
/// </summary>
public sealed class NetWsTlsTests : IAsyncLifetime
{
    private const string Client = """
        net.ws:connect((...), {
            on_open = function(id) print("open", id) net.ws:send(id, "over tls") end,
            on_message = function(id, msg) print("message", id, msg) net.ws:close(id) end,
            on_error = function(id, err) print("error", id, err) end,
            on_close = function(id, code) print("close", id, code) end,
        })
        """;

    private readonly TestCertificates _certificates = new();
    private EchoPeer _peer = null!;

    public Task InitializeAsync()
    {
        _peer = new EchoPeer(_certificates.Server());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact(Timeout = 20_000)]
    public async Task TheHostsCaMakesTheServerTrustedAndEchoWorks()
    {
        Assert.StartsWith("wss://127.0.0.1:", _peer.Url);
        var dialect = new HooziDialect(new ClientTlsOptions { TrustedRoots = _certificates.Roots });
        await using var script = await HooziScript.StartAsync(dialect, Client, null, _peer.Url);
        await script.Finished();
        Assert.Equal(["open\t1", "message\t1\tover tls", "close\t1\t1000"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task AnUntrustedCertificateIsAnErrorThenClose1006AndLeavesNothing()
    {
        // The default: the system trust store, which does not know the test's CA.
        await using var script = await HooziScript.StartAsync(Client, null, _peer.Url);
        await script.Finished();
        Assert.Equal(2, script.Lines.Count);
        Assert.StartsWith($"error\t1\tTLS handshake with {_peer.Url} failed: the server's certificate is not trusted", script.Lines[0]);
        Assert.Equal("close\t1\t1006", script.Lines[1]);
        Assert.Equal(0, script.Dialect.LiveClientCount);
        Assert.Empty(script.Errors);
    }

    [Fact(Timeout = 20_000)]
    public async Task ACertificateForAnotherHostIsRejectedEvenFromATrustedCa()
    {
        await using var other = new EchoPeer(_certificates.Server("elsewhere.test", includeLoopbackIp: false));
        var dialect = new HooziDialect(new ClientTlsOptions { TrustedRoots = _certificates.Roots });
        await using var script = await HooziScript.StartAsync(dialect, Client, null, other.Url);
        await script.Finished();
        Assert.Equal($"error\t1\tTLS handshake with {other.Url} failed: the server's certificate is not issued for the host name in the URL", script.Lines[0]);
        Assert.Equal(["close\t1\t1006"], script.Lines.Skip(1));
    }
}
