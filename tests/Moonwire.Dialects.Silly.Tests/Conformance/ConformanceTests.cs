using Moonwire.Conformance;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>
/// examples/silly/echo-server.lua and echo-client.lua as conformance testees: every group but 9, and
/// but 12 and 13 (silly negotiates no permessage-deflate).
/// </summary>
public sealed class ConformanceTests
{
    private static readonly string[] Excluded = ["9.*", "12.*", "13.*"];

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
            new ConformanceOptions { ReportDirectory = reports.FullName, CaseTimerSlack = TimeSpan.FromSeconds(2), Excludes = Excluded, Agent = "silly" },
            output, timeout.Token);
        reports.Delete(recursive: true);

        Assert.True(summary.Failed == 0, $"{summary.Line}\nFAILED: {string.Join(", ", summary.With(Moonwire.Conformance.Cases.Verdict.Failed))}\n{script.Errors.FirstOrDefault()}");
        Assert.True(summary.Cases > 200, summary.Line);
    }

    [Fact(Timeout = 180_000)]
    public async Task Echo_client_passes_the_conformance_suite_with_no_failures()
    {
        var reports = Directory.CreateTempSubdirectory("silly-conformance-");
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(170));
        var moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");

        var summary = await ConformanceRunner.TestClientAsync("moonwire-silly", [moonwire, "run", SillyScript.ExamplePath("echo-client.lua"), "{url}"],
            new ConformanceOptions { ReportDirectory = reports.FullName, CaseTimerSlack = TimeSpan.FromSeconds(2), Excludes = Excluded }, output, timeout.Token);
        reports.Delete(recursive: true);

        Assert.True(summary.Failed == 0, $"{summary.Line}\nFAILED: {string.Join(", ", summary.With(Moonwire.Conformance.Cases.Verdict.Failed))}\n{output}");
        Assert.True(summary.Cases > 200, summary.Line + "\n" + output);
    }
}
