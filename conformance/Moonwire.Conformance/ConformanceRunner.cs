using System.Diagnostics;
using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Reports;

namespace Moonwire.Conformance;

/// <summary>Runs the catalogue against a server (the fuzzer connects) or a client agent (the fuzzer listens).</summary>
public static class ConformanceRunner
{
    /// <summary>Tests the WebSocket server at <paramref name="url"/>.</summary>
    public static async Task<ConformanceSummary> TestServerAsync(Uri url, ConformanceOptions options, TextWriter output, CancellationToken ct)
    {
        var cases = CaseCatalogue.Select(options.Cases, options.Excludes);
        var results = await FuzzingClient.RunAsync(url, cases, options, r => Progress(output, r), ct).ConfigureAwait(false);
        return Report(new ConformanceSummary(options.Agent ?? url.ToString(), results), options, output);
    }

    /// <summary>
    /// Tests a client agent: starts the fuzzing server on a free loopback port, runs
    /// <paramref name="command"/> with <c>{url}</c> replaced by that server's URL, and waits until the
    /// agent asks for the reports (or exits, or stops making progress).
    /// </summary>
    /// <exception cref="InvalidOperationException">The agent's command cannot be started.</exception>
    public static async Task<ConformanceSummary> TestClientAsync(string agent, IReadOnlyList<string> command, ConformanceOptions options, TextWriter output, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        output = TextWriter.Synchronized(output);
        var cases = CaseCatalogue.Select(options.Cases, options.Excludes);
        await using var server = new FuzzingServer(cases, options, r => Progress(output, r));
        server.Start();
        var url = server.Url.ToString().TrimEnd('/');
        // The agent's own output goes to the same writer, before the summary line.
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument.Replace("{url}", url, StringComparison.Ordinal));
        }

        using var process = StartAgent(start);
        var lastLines = new Queue<string>();
        process.OutputDataReceived += (_, e) => Forward(output, e.Data, lastLines);
        process.ErrorDataReceived += (_, e) => Forward(output, e.Data, lastLines);
        string? agentEnd = null;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!server.ReportsRequested.IsCompleted && !process.HasExited && !server.IdleFor(options.AgentTimeout))
            {
                await Task.WhenAny(server.ReportsRequested, process.WaitForExitAsync(ct), Task.Delay(TimeSpan.FromSeconds(1), ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }

            if (!server.ReportsRequested.IsCompleted)
            {
                agentEnd = process.HasExited
                    ? $"the agent exited with code {process.ExitCode} before asking for the reports"
                    : $"the agent made no progress for {options.AgentTimeout.TotalSeconds} s";
                await output.WriteLineAsync(agentEnd).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                await Task.WhenAny(process.WaitForExitAsync(CancellationToken.None), Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        if (agentEnd is not null)
        {
            // The agent's last words say why (a crash, a script error), where the caller may see nothing else.
            lock (lastLines)
            {
                agentEnd += lastLines.Count == 0 ? "; it printed nothing" : "; its last output: " + string.Join(" | ", lastLines);
            }
        }

        var results = server.Results;
        var ran = results.Select(r => r.Case.Id).ToHashSet();
        var missing = cases.Where(c => !ran.Contains(c.Id)).Select(c => new CaseResult(c, CaseOutcome.NotOpened("the agent never ran this case"), TimeSpan.Zero));
        return Report(new ConformanceSummary(options.Agent ?? agent, [.. results, .. missing]) { AgentEnd = agentEnd }, options, output);
    }

    /// <summary>Starts the agent; a command that cannot run is an <see cref="InvalidOperationException"/> saying so.</summary>
    private static Process StartAgent(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"cannot start the agent '{start.FileName}'");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start the agent '{start.FileName}': {e.Message}", e);
        }
    }

    /// <summary>Passes on a line of the agent's output, keeping its last few for <see cref="ConformanceSummary.AgentEnd"/>.</summary>
    private static void Forward(TextWriter output, string? line, Queue<string> lastLines)
    {
        if (line is null)
        {
            return;
        }

        output.WriteLine($"agent: {line}");
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 5)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static void Progress(TextWriter output, CaseResult result) =>
        output.WriteLine($"case {result.Case.Id}: {result.Outcome.Behavior.Label()} / {result.Outcome.BehaviorClose.Label()}");

    private static ConformanceSummary Report(ConformanceSummary summary, ConformanceOptions options, TextWriter output)
    {
        Directory.CreateDirectory(options.ReportDirectory);
        IndexJsonReport.Write(Path.Combine(options.ReportDirectory, "index.json"), summary);
        MarkdownReport.Write(Path.Combine(options.ReportDirectory, "summary.md"), summary);
        output.WriteLine(summary.Line);
        return summary;
    }
}
