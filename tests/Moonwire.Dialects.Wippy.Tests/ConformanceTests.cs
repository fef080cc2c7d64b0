using Moonwire.Conformance;
using Moonwire.Conformance.Cases;
using Xunit.Abstractions;

namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>examples/wippy/echo-client.lua as a client agent (moonwire run) against the conformance suite.</summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string Moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");

    // Group 9 is limits and performance (slow); 12 and 13 need deflate, which the agent does not offer.
    [Fact(Timeout = 180_000)]
    public async Task EchoClientPassesEveryCaseButGroups9To13()
    {
        var options = new ConformanceOptions
        {
            ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", "wippy-client"),
            Excludes = ["9.*", "12.*", "13.*"],
            AgentTimeout = TimeSpan.FromSeconds(20),
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(170));
        var summary = await ConformanceRunner.TestClientAsync(
            "moonwire-wippy", [Moonwire, "run", Repository.Example("echo-client.lua"), "{url}"], options, TextWriter.Null, limit.Token);

        output.WriteLine(summary.Line);
        Assert.True(summary.Cases > 200, summary.Line);
        Assert.Empty(summary.With(Verdict.Failed));
    }
}
