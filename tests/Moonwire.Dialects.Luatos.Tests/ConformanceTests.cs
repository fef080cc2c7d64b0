using Moonwire.Conformance;
using Moonwire.Conformance.Cases;
using Xunit.Abstractions;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>
/// examples/luatos/echo-client.lua as a client agent under the moonwire command: every group but 9
/// (limits) and 12/13 (this dialect never negotiates permessage-deflate), with no case failed.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact(Timeout = 200_000)]
    public async Task Echo_client_fails_no_case()
    {
        var moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");
        var agent = Path.Combine(Repository.Root, "examples", "luatos", "echo-client.lua");
        var options = new ConformanceOptions
        {
            ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", "luatos-client"),
            CaseTimerSlack = TimeSpan.FromSeconds(2),
            Excludes = ["9.*", "12.*", "13.*"],
            AgentTimeout = TimeSpan.FromSeconds(20),
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        var summary = await ConformanceRunner.TestClientAsync("luatos", [moonwire, "run", agent, "{url}", "luatos"], options, TextWriter.Null, limit.Token);

        output.WriteLine(summary.Line);
        Assert.True(summary.Cases > 200, summary.Line);
        Assert.Empty(summary.With(Verdict.Failed));
    }
}
