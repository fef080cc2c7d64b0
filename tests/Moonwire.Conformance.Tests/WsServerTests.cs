using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>Node's ws passes every Autobahn case; any failure here is a bug in the suite.</summary>
public sealed class WsServerTests(ITestOutputHelper output)
{
    /// <summary>517 cases minus group 9's 54.</summary>
    internal const int CaseCount = 463;

    [Fact(Timeout = 320_000)]
    public async Task WsServerMeetsItsExpectationsInEveryGroupBut9()
    {
        var summary = await Suite.AgainstServerAsync(TesteeProcess.Node("conformance-echo-server.js"), Suite.Options("ws-server", ["*"], ["9.*"]), TimeSpan.FromSeconds(300));
        output.WriteLine(Suite.GroupCounts(summary));
        Assert.Equal(CaseCount, summary.Cases);
        Assert.Empty(Suite.Expectations("ws").Mismatches(summary));
    }
}
