using System.Globalization;
using Moonwire.Conformance;
using Moonwire.Conformance.Cases;
using Xunit.Abstractions;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>
/// The echo testees (examples/coromega/echo-server.lua, echo-client.lua) against our conformance suite,
/// every group but 9 (limits, slow) and 12/13 (coromega does not negotiate permessage-deflate).
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] Excluded = ["9.*", "12.*", "13.*"];

    // The suite's own testees get the same three (conformance/expectations/moonwire.txt).
    private static readonly string[] Informational = ["7.1.6", "7.13.1", "7.13.2"];

    [Fact(Timeout = 120_000)]
    public async Task EchoServerPassesWithZeroFailed()
    {
        var port = CoromegaScript.FreePort();
        await using var script = await CoromegaScript.StartExampleAsync("echo-server.lua", port, port.ToString(CultureInfo.InvariantCulture));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(110));

        var summary = await ConformanceRunner.TestServerAsync(new Uri($"ws://127.0.0.1:{port}"), Options("coromega-server"), TextWriter.Null, limit.Token);

        Check(summary);
        Assert.Empty(script.Errors);
    }

    [Fact(Timeout = 120_000)]
    public async Task EchoClientAgentPassesWithZeroFailed()
    {
        var moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(110));

        var summary = await ConformanceRunner.TestClientAsync(
            "moonwire-coromega", [moonwire, "run", Repository.Example("echo-client.lua"), "{url}"], Options("coromega-client"), TextWriter.Null, limit.Token);

        Check(summary);
    }

    private static ConformanceOptions Options(string name) => new()
    {
        ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", name),
        CaseTimerSlack = TimeSpan.FromSeconds(2),
        Excludes = Excluded,
        AgentTimeout = TimeSpan.FromSeconds(20),
    };

    private void Check(ConformanceSummary summary)
    {
        output.WriteLine(summary.Line);
        Assert.True(summary.Cases > 200, summary.Line);
        Assert.Empty(summary.With(Verdict.Failed));
        Assert.Empty(summary.With(Verdict.NonStrict));
        Assert.Equal(Informational, summary.With(Verdict.Informational));
        Assert.Equal(summary.Cases - Informational.Length, summary.Ok);
    }
}
