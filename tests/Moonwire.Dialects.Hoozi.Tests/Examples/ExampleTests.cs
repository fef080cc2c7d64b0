namespace Moonwire.Dialects.Hoozi.Tests.Examples;

/// <summary>Every example of the document (examples/hoozi/), pointed at loopback peers the test starts.</summary>
public sealed class ExampleTests
{
    [Fact(Timeout = 30_000)]
    public async Task DashboardBroadcastsStateToItsViewerAndEnds()
    {
        await using var script = await HooziScript.StartExampleAsync("dashboard.lua", Ports.Text(Ports.Free()));
        await script.Finished(20);
        Assert.Empty(script.Errors);
        Assert.Equal("client\t1\tjoined", script.Lines[0]);
        Assert.Contains("got from\t1\t:\thello dashboard", script.Lines);
        Assert.Equal(3, script.Lines.Count(l => l == "state\t{\"hp\":100,\"sh\":50,\"vel\":{\"x\":0,\"y\":0,\"z\":0}}"));
        Assert.Contains("viewer closed\t1000", script.Lines);
        Assert.Contains("client\t1\tleft\t1000", script.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task HttpExamplesRunAgainstALocalServer()
    {
        await using var peer = await HttpPeer.StartAsync();
        var root = Directory.CreateTempSubdirectory("hoozi-").FullName;
        await using var script = await HooziScript.StartAsync(File.ReadAllText(Repository.Example("http.lua")), root, peer.Url);
        await script.Finished(50);
        Assert.Empty(script.Errors);
        Assert.Equal(
            [
                "200",
                "200\ttrue",
                "GET Authorization=Bearer secret-token;X-Trace-Id=abc []",
                "OK 200, body len=18",
                "downloaded, status=200",
                "true",
            ],
            script.Lines.Order(StringComparer.Ordinal));
        Assert.Equal(HttpPeer.BigBytes, new FileInfo(Path.Combine(root, "downloads", "big.zip")).Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task ClientExampleTalksToAnEchoServer()
    {
        await using var peer = new EchoPeer();
        await using var script = await HooziScript.StartExampleAsync("ws-client.lua", peer.Url);
        await script.Finished(20);
        Assert.Empty(script.Errors);
        Assert.Equal(["recv hi", "close 1000"], script.Lines);
    }
}
