using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Benchmarks;

/// <summary>
/// Bytes allocated per echoed message in steady state: <see cref="EchoBenchmarks"/>' own bursts, back to back
/// for a few seconds, with the process's allocation counter read around them and no collection forced.
/// BenchmarkDotNet forces a full GC just before it measures, and that GC has the runtime trim
/// <c>ArrayPool.Shared</c> on the finalizer thread, which allocates about 1 KB inside the measured window:
/// at 1 MiB, where the window holds about a thousand messages, that reads as 1–3 B per message (docs/performance.md).
/// </summary>
internal static class SteadyStateAllocation
{
    public const string Switch = "--steady-allocation";

    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(TextWriter output)
    {
        await output.WriteLineAsync("| size | Moonwire | System.Net.WebSockets | messages (ours / theirs) |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        foreach (var size in new[] { 16, 1024, 64 * 1024, 1024 * 1024 })
        {
            var echo = new EchoBenchmarks { Size = size };
            await echo.Setup();
            try
            {
                var (ours, ourMessages) = await MeasureAsync(echo.Moonwire);
                var (theirs, theirMessages) = await MeasureAsync(echo.SystemNetWebSockets);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {Label(size)} | {ours:0.00} B | {theirs:0.00} B | {ourMessages:N0} / {theirMessages:N0} |"));
            }
            finally
            {
                await echo.Cleanup();
            }
        }
    }

    private static string Label(int size) => size switch
    {
        >= 1 << 20 => $"{size >> 20} MiB",
        >= 1 << 10 => $"{size >> 10} KiB",
        _ => $"{size} B",
    };

    /// <summary>Bytes allocated per message over <see cref="Measured"/>, after <see cref="Warmup"/>.</summary>
    private static async Task<(double BytesPerMessage, long Messages)> MeasureAsync(Func<ValueTask> burst)
    {
        // One loop for both phases: this method's own state machine is allocated in the warmup, not measured.
        var start = Stopwatch.GetTimestamp();
        var before = 0L;
        var messages = 0L;
        while (Stopwatch.GetElapsedTime(start) < Warmup + Measured)
        {
            if (before == 0 && Stopwatch.GetElapsedTime(start) >= Warmup)
            {
                before = GC.GetTotalAllocatedBytes(precise: true);
                messages = 0;
            }

            await burst();
            messages += EchoBenchmarks.Burst;
        }

        return ((double)(GC.GetTotalAllocatedBytes(precise: true) - before) / messages, messages);
    }
}
