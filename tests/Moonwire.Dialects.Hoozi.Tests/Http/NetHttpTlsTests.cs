using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;

namespace Moonwire.Dialects.Hoozi.Tests.Http;

/// <summary>
/// net.http to https:// on a loopback Kestrel whose certificate comes from a CA the test makes: trusted
/// only when the host passes that CA to the dialect, as for wss:// (NetWsTlsTests).
/// </summary>
public sealed class NetHttpTlsTests : IAsyncLifetime
{
    private const string Show = "function show(resp) print(resp.status, resp.ok, resp.error, resp.body) end\n";

    private readonly TestCertificates _certificates = new();
    private HttpPeer _peer = null!;

    public async Task InitializeAsync() => _peer = await HttpPeer.StartAsync(_certificates.Server());

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact(Timeout = 20_000)]
    public async Task TheHostsCaMakesTheServerTrusted()
    {
        Assert.StartsWith("https://127.0.0.1:", _peer.Url, StringComparison.Ordinal);
        var dialect = new HooziDialect(new ClientTlsOptions { TrustedRoots = _certificates.Roots });

        await using var script = await HooziScript.StartAsync(dialect, Show + $"net.http:get('{_peer.Url}/', show)");
        await script.Finished();

        Assert.Equal(["200\ttrue\t\thello from kestrel"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task AnUntrustedCertificateIsATransportError()
    {
        // The default: the system trust store, which does not know the test's CA.
        await using var script = await HooziScript.StartAsync(Show + $"net.http:get('{_peer.Url}/', show)");
        await script.Finished();

        var line = Assert.Single(script.Lines);
        Assert.StartsWith($"0\tfalse\tTLS handshake with {_peer.Url}/ failed: ", line, StringComparison.Ordinal);
        Assert.Contains("The remote certificate is invalid because of errors in the certificate chain", line, StringComparison.Ordinal);
    }
}
