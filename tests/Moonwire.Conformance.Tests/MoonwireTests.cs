using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>
/// The CI gate of issue 3: Moonwire's own echo server and client agent (the moonwire command) against
/// every group but 9, compared case by case with conformance/expectations/moonwire.txt.
/// </summary>
public sealed class MoonwireTests(ITestOutputHelper output)
{
    [Fact(Timeout = 320_000)]
    public async Task EchoServerMeetsItsExpectationsInEveryGroupBut9()
    {
        var summary = await Suite.AgainstServerAsync(TesteeProcess.MoonwireEchoServer(), Suite.Options("moonwire-server", ["*"], ["9.*"]), TimeSpan.FromSeconds(300));
        output.WriteLine(Suite.GroupCounts(summary));
        Assert.Equal(WsServerTests.CaseCount, summary.Cases);
        Assert.Empty(Suite.Expectations("moonwire").Mismatches(summary));
    }

    [Fact(Timeout = 320_000)]
    public async Task ClientAgentMeetsItsExpectationsInEveryGroupBut9()
    {
        var summary = await Suite.AgainstClientAsync("moonwire", [TesteeProcess.Moonwire, "echo-client", "--url", "{url}"], Suite.Options("moonwire-client", ["*"], ["9.*"]), TimeSpan.FromSeconds(300));
        output.WriteLine(Suite.GroupCounts(summary));
        Assert.Equal(WsServerTests.CaseCount, summary.Cases);
        Assert.Empty(Suite.Expectations("moonwire").Mismatches(summary));
    }
}
