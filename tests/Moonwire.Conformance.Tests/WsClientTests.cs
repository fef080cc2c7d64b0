using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>Node's ws as a client agent driving the fuzzing server passes every case.</summary>
public sealed class WsClientTests(ITestOutputHelper output)
{
    [Fact(Timeout = 150_000)]
    public async Task WsClientPassesEveryCaseButGroup9()
    {
        var summary = await Suite.AgainstClientAsync(Suite.Options("ws-client", ["*"], ["9.*"]), TimeSpan.FromSeconds(140));
        output.WriteLine(Suite.GroupCounts(summary));
        Assert.Equal(WsServerTests.CaseCount, summary.Cases);
        Assert.Empty(Suite.WsExpectations.Mismatches(summary));
    }
}
