using System.Globalization;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Moonwire.Soak.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Moonwire.Soak.Tests;

/// <summary>
/// One server under churn (issue 6, reliability rows L-7 and F-9): clients connect, exchange, and leave
/// cleanly, abruptly (TCP closed with no Close) or by reset, then come back, while a few steady connections
/// stream numbered messages throughout. Memory, open files and threads must end where they were once warm,
/// and no steady message may be lost or reordered. Runs 20 s in CI; MOONWIRE_SOAK_SECONDS runs it longer.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int ChurnWorkers = 16;
    private const int SteadyConnections = 4;

    // Growth allowed between the warm sample and the final one. A leak of one 16 KiB receive buffer per
    // churned connection would pass the heap bound after ~1000 connections, fewer than CI's run churns;
    // a leaked socket or thread per connection passes the other two at once. The thread bound leaves room
    // for the thread pool, which adds threads on a starved machine and retires them only after a while.
    private const long HeapGrowthBytes = 16 << 20;
    private const long WorkingSetGrowthBytes = 96 << 20;
    private const int OpenFileGrowth = 16;
    private const int ThreadGrowth = 64;

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("MOONWIRE_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 20);

    [Fact(Timeout = 30 * 60_000)]
    public async Task ChurningClients_LeaveMemoryFilesAndThreadsFlat_AndSteadyStreamsLoseNothing()
    {
        await using var server = new EchoServer(deflate: true);
        using var stop = new CancellationTokenSource(Duration);
        var steady = Enumerable.Range(0, SteadyConnections).Select(i => StreamNumberedAsync(server.Url, deflate: i % 2 == 0, stop.Token)).ToArray();
        var churned = new int[ChurnWorkers];
        var workers = Enumerable.Range(0, ChurnWorkers).Select(i => ChurnAsync(server.Url, i, churned, stop.Token)).ToArray();

        // Warm: every code path has run, pools and the thread pool have grown to the load.
        await Task.Delay(Duration / 4);
        var warm = ProcessGauges.Read();
        output.WriteLine($"warm:  {warm}");
        var samples = new List<ProcessGauges>();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(Duration / 10);
            samples.Add(ProcessGauges.Read());
        }

        await Task.WhenAll(workers);
        var delivered = await Task.WhenAll(steady);

        // The server notices every abrupt departure by itself (a read of 0 bytes or a reset).
        var drained = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (server.LiveConnections > 0 && DateTime.UtcNow < drained)
        {
            await Task.Delay(100);
        }

        var end = ProcessGauges.Read();
        output.WriteLine($"end:   {end}");
        output.WriteLine($"peak heap during the run: {samples.Max(g => g.GcHeapBytes) / 1024} KiB");
        output.WriteLine($"churned connections: {churned.Sum()}, accepted: {server.Accepted}, steady messages: {delivered.Sum()}");

        Assert.Equal(0, server.LiveConnections);
        Assert.True(churned.Sum() >= ChurnWorkers * 10, $"only {churned.Sum()} connections churned");
        Assert.All(delivered, count => Assert.True(count > 100, $"a steady connection delivered only {count} messages"));
        Assert.True(end.GcHeapBytes <= warm.GcHeapBytes + HeapGrowthBytes, $"GC heap grew from {warm.GcHeapBytes} to {end.GcHeapBytes}");
        Assert.True(end.WorkingSetBytes <= warm.WorkingSetBytes + WorkingSetGrowthBytes, $"working set grew from {warm.WorkingSetBytes} to {end.WorkingSetBytes}");
        Assert.True(end.OpenFiles <= warm.OpenFiles + OpenFileGrowth, $"open files grew from {warm.OpenFiles} to {end.OpenFiles}");
        Assert.True(end.Threads <= warm.Threads + ThreadGrowth, $"threads grew from {warm.Threads} to {end.Threads}");
    }

    /// <summary>
    /// Sends numbered messages, up to 32 in flight, and checks each echo comes back in order; returns how
    /// many came back. At <paramref name="stop"/> it sends "end", takes the rest up to its echo, then closes cleanly.
    /// </summary>
    private static async Task<int> StreamNumberedAsync(Uri url, bool deflate, CancellationToken stop)
    {
        await using var client = await WebSocketClient.ConnectAsync(url, new WebSocketClientOptions { Deflate = deflate ? new PerMessageDeflateOptions() : null });
        using var window = new SemaphoreSlim(32);
        var sender = Task.Run(async () =>
        {
            for (var sent = 0; !stop.IsCancellationRequested; sent++)
            {
                await window.WaitAsync(CancellationToken.None);
                await client.SendTextAsync(string.Create(CultureInfo.InvariantCulture, $"{sent} {new string('x', sent % 300)}"));
            }

            await client.SendTextAsync("end");
        });

        var received = 0;
        while (await client.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)) is { Text: not "end" } message)
        {
            // The server's keepalive pings (on by default, every 20 s) reach the application too.
            if (message.Kind == MessageKind.Ping)
            {
                continue;
            }

            Assert.Equal(MessageKind.Text, message.Kind);
            var number = int.Parse(message.Text.AsSpan(0, message.Text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            Assert.Equal(received, number);
            received++;
            window.Release();
        }

        await sender;
        await client.CloseAsync();
        Assert.Equal((ushort?)1000, client.CloseMessage?.CloseCode);
        return received;
    }

    /// <summary>Connects, exchanges a few messages and leaves, three ways in turn, until <paramref name="stop"/>.</summary>
    private static async Task ChurnAsync(Uri url, int worker, int[] churned, CancellationToken stop)
    {
        var random = new Random(worker);
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            if ((round + worker) % 3 == 2)
            {
                using var raw = await RawClient.ConnectAsync(url, offerDeflate: round % 2 == 0, CancellationToken.None);
                await raw.SendTextAsync("about to vanish", CancellationToken.None);
                raw.Reset();
            }
            else
            {
                var options = new WebSocketClientOptions { Deflate = round % 2 == 0 ? new PerMessageDeflateOptions() : null };
                var client = await WebSocketClient.ConnectAsync(url, options);
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    var text = new string((char)('a' + i), random.Next(0, 2000));
                    await client.SendTextAsync(text);
                    var echo = await client.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                    Assert.Equal(text, echo.Text);
                }

                if ((round + worker) % 3 == 0)
                {
                    await client.CloseAsync();
                }
                else
                {
                    client.Abort();
                }

                await client.DisposeAsync();
            }

            churned[worker]++;
        }
    }
}
