using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>Node's ws as a client agent driving the fuzzing server; any failure is a bug in the suite.</summary>
public sealed class WsClientTests(ITestOutputHelper output)
{
    [Fact(Timeout = 320_000)]
    public async Task WsClientMeetsItsExpectationsInEveryGroupBut9()
    {
        var agent = Path.Combine(TesteeProcess.NodeFolder, "conformance-client-agent.js");
        var summary = await Suite.AgainstClientAsync("ws", ["node", agent, "{url}", "ws"], Suite.Options("ws-client", ["*"], ["9.*"]), TimeSpan.FromSeconds(300));
        output.WriteLine(Suite.GroupCounts(summary));
        Assert.Equal(WsServerTests.CaseCount, summary.Cases);
        Assert.Empty(Suite.Expectations("ws").Mismatches(summary));
    }
}
