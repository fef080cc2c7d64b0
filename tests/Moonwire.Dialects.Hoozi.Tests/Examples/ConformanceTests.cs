using Moonwire.Conformance;
using Xunit.Abstractions;

namespace Moonwire.Dialects.Hoozi.Tests.Examples;

/// <summary>
/// The HOOZi echo scripts as conformance testees, every group but 9 (and no compression: HOOZi does
/// not negotiate permessage-deflate), compared with conformance/expectations/hoozi.txt.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] Excluded = ["9.*", "12.*", "13.*"];

    [Fact(Timeout = 180_000)]
    public async Task EchoServerMeetsItsExpectations()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartExampleAsync("echo-server.lua", Ports.Text(port));
        await script.WaitForLine(l => l.StartsWith("listening", StringComparison.Ordinal));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var summary = await ConformanceRunner.TestServerAsync(new Uri($"ws://127.0.0.1:{port}/"), Options("hoozi-server"), TextWriter.Null, limit.Token);
        output.WriteLine(summary.Line);
        Assert.Empty(Expectations().Mismatches(summary));
    }

    [Fact(Timeout = 180_000)]
    public async Task EchoClientMeetsItsExpectations()
    {
        var moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var summary = await ConformanceRunner.TestClientAsync(
            "moonwire-hoozi", [moonwire, "run", Repository.Example("echo-client.lua"), "{url}"], Options("hoozi-client"), TextWriter.Null, limit.Token);
        output.WriteLine(summary.Line);
        Assert.Empty(Expectations().Mismatches(summary));
    }

    private static ConformanceOptions Options(string name) => new()
    {
        ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", name),
        CaseTimerSlack = TimeSpan.FromSeconds(2),
        Excludes = Excluded,
        AgentTimeout = TimeSpan.FromSeconds(20),
    };

    private static ConformanceExpectations Expectations() =>
        ConformanceExpectations.Load(Path.Combine(Repository.Root, "conformance", "expectations", "hoozi.txt"));
}
