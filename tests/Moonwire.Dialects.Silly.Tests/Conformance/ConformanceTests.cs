using Moonwire.Conformance;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>examples/silly/echo-server.lua as a conformance testee (9.* excluded; silly offers no deflate, so 12.* and 13.* too).</summary>
public sealed class ConformanceTests
{
    [Fact(Timeout = 180_000)]
    public async Task Echo_server_passes_the_conformance_suite_with_no_failures()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartExampleAsync("echo-server.lua", [$"127.0.0.1:{port}"]);
        await script.OutputAsync(1);
        var reports = Directory.CreateTempSubdirectory("silly-conformance-");
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(170));

        var summary = await ConformanceRunner.TestServerAsync(new Uri($"ws://127.0.0.1:{port}"),
            new ConformanceOptions { ReportDirectory = reports.FullName, Excludes = ["9.*", "12.*", "13.*"], Agent = "silly" },
            output, timeout.Token);
        reports.Delete(recursive: true);

        Assert.True(summary.Failed == 0, $"{summary.Line}\nFAILED: {string.Join(", ", summary.With(Moonwire.Conformance.Cases.Verdict.Failed))}\n{script.Errors.FirstOrDefault()}");
        Assert.True(summary.Cases > 200, summary.Line);
    }
}
