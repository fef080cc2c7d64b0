using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace Moonwire.Lua.Tests.Cli;

/// <summary><c>moonwire echo-server</c> as a user stops it: Ctrl-C closes every client properly, then exits 0.</summary>
public sealed class EchoServerCommandTests
{
    private static readonly string Moonwire = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");

    [Fact(Timeout = 60_000)]
    public async Task Ctrl_C_with_a_client_that_never_answers_the_Close_waits_out_the_close_timeout_and_exits_0()
    {
        var start = new ProcessStartInfo(Moonwire) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "echo-server", "--host", "127.0.0.1", "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var listening = await process.StandardOutput.ReadLineAsync() ?? "";
        Assert.StartsWith("listening on ", listening, StringComparison.Ordinal);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri(listening["listening on ".Length..]), CancellationToken.None);

        // The client reads nothing, so the server's Close goes unanswered until its 10 s close timeout.
        var stopping = Stopwatch.StartNew();
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode} after {stopping.Elapsed.TotalSeconds:0.0} s: {await error}");
        var close = await client.ReceiveAsync(new byte[16], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
    }
}
