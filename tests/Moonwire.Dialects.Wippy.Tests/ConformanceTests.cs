using Moonwire.Conformance;
using Moonwire.Conformance.Cases;
using Xunit.Abstractions;

namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>examples/wippy/echo-client.lua as a client agent (moonwire run) against the conformance suite.</summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string Moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");

    // Group 9 is limits and performance (slow); 12 and 13 are the compression groups, run with deflate offered.
    [Fact(Timeout = 180_000)]
    public async Task EchoClientPassesEveryCaseButGroups9To13()
    {
        var summary = await RunAsync("wippy-client", ["*"], ["9.*", "12.*", "13.*"], "plain");
        Assert.True(summary.Cases > 200, summary.Line);
        Assert.Empty(summary.With(Verdict.Failed));
    }

    [Fact(Timeout = 180_000)]
    public async Task EchoClientWithDeflatePassesTheCompressionGroups()
    {
        var summary = await RunAsync("wippy-client-deflate", ["12.*", "13.*"], [], "deflate");
        Assert.True(summary.Cases > 200, summary.Line);
        Assert.Empty(summary.With(Verdict.Failed));
    }

    private async Task<ConformanceSummary> RunAsync(string name, string[] cases, string[] excludes, string compression)
    {
        var options = new ConformanceOptions
        {
            ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", name),
            CaseTimerSlack = TimeSpan.FromSeconds(2),
            Cases = cases,
            Excludes = excludes,
            CompressionMessages = 10,
            AgentTimeout = TimeSpan.FromSeconds(20),
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(170));
        var summary = await ConformanceRunner.TestClientAsync(
            name, [Moonwire, "run", Repository.Example("echo-client.lua"), "{url}", name, compression], options, TextWriter.Null, limit.Token);
        output.WriteLine(summary.Line);
        return summary;
    }
}
