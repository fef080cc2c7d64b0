namespace Moonwire.Conformance.Tests.Support;

/// <summary>Runs the suite with a report folder of its own and a bounded time.</summary>
internal static class Suite
{
    /// <summary>Reports go beside the test binary, one folder per test, replaced by the next run.</summary>
    public static ConformanceOptions Options(string name, string[] cases, string[]? excludes = null) => new()
    {
        ReportDirectory = Path.Combine(AppContext.BaseDirectory, "conformance-reports", name),
        CaseTimerSlack = TimeSpan.FromSeconds(2),
        Cases = cases,
        Excludes = excludes ?? [],
        CompressionMessages = 10,
        AgentTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>conformance/expectations/NAME.txt: what a testee gets, each exception with its reason.</summary>
    public static ConformanceExpectations Expectations(string name) =>
        ConformanceExpectations.Load(Path.Combine(TesteeProcess.NodeFolder, "..", "..", "..", "conformance", "expectations", name + ".txt"));

    public static async Task<ConformanceSummary> AgainstServerAsync(TesteeProcess server, ConformanceOptions options, TimeSpan limit)
    {
        await using (server)
        {
            using var cts = new CancellationTokenSource(limit);
            return await ConformanceRunner.TestServerAsync(await server.UrlAsync(), options, TextWriter.Null, cts.Token);
        }
    }

    public static async Task<ConformanceSummary> AgainstClientAsync(string agent, string[] command, ConformanceOptions options, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        return await ConformanceRunner.TestClientAsync(agent, command, options, TextWriter.Null, cts.Token);
    }

    /// <summary>Per group: "group N: cases, ok, non-strict, informational, unimplemented, failed".</summary>
    public static string GroupCounts(ConformanceSummary summary) => string.Join('\n', summary.Results
        .GroupBy(r => r.Case.Id.Split('.')[0])
        .Select(g => $"group {g.Key}: {new ConformanceSummary(summary.Agent, [.. g]).Line}"));
}
