using System.Diagnostics;
using Moonwire.Conformance.Tests.Support;

namespace Moonwire.Conformance.Tests;

/// <summary>`moonwire conformance server` as a process: its options reach the suite, bad ones are usage errors.</summary>
public sealed class ConformanceCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task ServerMode_RunsTheChosenCases_WithTheGivenTimerSlack()
    {
        await using var testee = TesteeProcess.MoonwireEchoServer();
        var url = await testee.UrlAsync();
        var report = Path.Combine(AppContext.BaseDirectory, "conformance-reports", "command");

        var (exitCode, output, _) = await RunAsync("conformance", "server", url.ToString(), "--report", report, "--cases", "1.1.1,7.1.1", "--case-timer-slack", "2.5");

        Assert.Equal(0, exitCode);
        Assert.EndsWith("cases: 2, ok: 2, non-strict: 0, informational: 0, unimplemented: 0, failed: 0", output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(report, "index.json")));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("-1")]
    [InlineData("601")]
    [InlineData("soon")]
    public async Task ServerMode_RefusesABadTimerSlack_AsAUsageError(string slack)
    {
        var (exitCode, _, error) = await RunAsync("conformance", "server", "ws://127.0.0.1:9/", "--report", "unused", "--case-timer-slack", slack);

        Assert.Equal(2, exitCode);
        Assert.Contains("--case-timer-slack", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(TesteeProcess.Moonwire) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(50));
        return (process.ExitCode, await output, await error);
    }
}
