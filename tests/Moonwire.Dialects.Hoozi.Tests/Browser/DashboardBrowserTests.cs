namespace Moonwire.Dialects.Hoozi.Tests.Browser;

/// <summary>
/// The document's dashboard use case in a real browser: examples/hoozi/dashboard-server.lua (the
/// document's example) broadcasts the state every frame, and examples/hoozi/dashboard.html in headless
/// Chromium shows it. The page greets the server and sends back the first state it received, so the
/// script's own on_message prints what the browser got.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string State = """{"hp":100,"sh":50,"vel":{"x":0,"y":0,"z":0}}""";

    [Fact(Timeout = 300_000)]
    public async Task ChromiumReceivesTheBroadcastStateAndTalksBack()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartExampleAsync("dashboard-server.lua", Ports.Text(port));
        var page = new Uri(Repository.Example("dashboard.html")).AbsoluteUri + $"#ws://127.0.0.1:{port}/";
        using (HeadlessChromium.Open(page))
        {
            // Starting a browser on a loaded 2-core machine has taken over a minute.
            await script.WaitForLine(l => l == "got from\t1\t:\treceived " + State, seconds: 240);
        }

        await script.Dialect.UnloadAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["client\t1\tjoined", "got from\t1\t:\thello from the browser", "got from\t1\t:\treceived " + State], script.Lines.Take(3));
        Assert.Empty(script.Errors);
    }
}
