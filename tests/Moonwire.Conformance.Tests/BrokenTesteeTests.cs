using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>
/// Deliberately broken echo servers (ws with one fault each, see conformance-echo-server.js): the suite
/// must fail exactly the cases the fault touches, and pass the rest of the groups it touches. And a client
/// agent that dies: its cases fail, and the summary says how it ended.
/// </summary>
public sealed class BrokenTesteeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(110);

    [Fact(Timeout = 120_000)]
    public async Task SkippingUtf8ValidationFailsEveryInvalidTextCase()
    {
        var summary = await Suite.AgainstServerAsync(TesteeProcess.Node("conformance-echo-server.js", "--fault=utf8"), Suite.Options("broken-utf8", ["6.*", "7.5.*"]), Limit);

        // Every group 6 case that sends invalid UTF-8 (its expectation is a failed connection, not an echo),
        // and the close reason that is invalid UTF-8.
        var invalid = CaseCatalogue.All.Where(c => c.Id.StartsWith("6.", StringComparison.Ordinal) && !c.Expectation.Contains("echo'ed", StringComparison.Ordinal)).Select(c => c.Id);
        Assert.Equal([.. invalid, "7.5.1"], summary.With(Verdict.Failed));
        Assert.Equal(146, summary.Cases);
    }

    [Fact(Timeout = 120_000)]
    public async Task WrongPongPayloadFailsEveryCaseThatPings()
    {
        var summary = await Suite.AgainstServerAsync(TesteeProcess.Node("conformance-echo-server.js", "--fault=ping"), Suite.Options("broken-ping", ["2.*", "5.*"]), Limit);

        Assert.Equal(["2.1", "2.2", "2.3", "2.4", "2.6", "2.9", "2.10", "2.11", "5.6", "5.7", "5.8", "5.19", "5.20"], summary.With(Verdict.Failed));
        Assert.Equal(31, summary.Cases);
    }

    [Fact(Timeout = 120_000)]
    public async Task AcceptingReservedBitsFailsEveryReservedBitCase()
    {
        var summary = await Suite.AgainstServerAsync(TesteeProcess.Node("conformance-echo-server.js", "--fault=rsv"), Suite.Options("broken-rsv", ["1.1.*", "3.*"]), Limit);

        // Not 3.7: with its reserved bits ignored, a close frame is answered with a close, which is
        // exactly what the case expects of a testee that fails the connection.
        Assert.Equal(["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"], summary.With(Verdict.Failed));
        Assert.Equal(15, summary.Cases);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnAgentThatDiesFailsItsCases_AndTheSummarySaysHowItEnded()
    {
        // A crash's last words on stderr, as a failing script leaves them.
        var summary = await Suite.AgainstClientAsync(
            "dying-agent", ["sh", "-c", "echo 'lua: boom' >&2; exit 3"], Suite.Options("dying-agent", ["1.1.1", "1.1.2"]), Limit);

        Assert.Equal(["1.1.1", "1.1.2"], summary.With(Verdict.Failed));
        Assert.Equal("the agent exited with code 3 before asking for the reports; its last output: lua: boom", summary.AgentEnd);
        Assert.EndsWith($"({summary.AgentEnd})", summary.Line, StringComparison.Ordinal);
    }
}
