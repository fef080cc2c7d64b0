using Moonwire.Dialects.Wippy.Security;
using Moonwire.Engine.Compression;

namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>Every example of the document (our copies in examples/wippy) against a loopback server the test starts.</summary>
public sealed class ExampleTests
{
    [Fact(Timeout = 30_000)]
    public async Task BasicsSendsTextJsonBinaryPingsReceivesAndClosesThreeWays()
    {
        await using var server = LoopbackServer.Echo();
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("basics.lua"), null, server.Url);

        Assert.Empty(script.Errors);
        Assert.Equal(
            ["sent text\ttrue", "ping\ttrue", "Type:\ttext", "Data:\tHello, Server!", "close\ttrue", "close with reason\ttrue", "error close\ttrue"],
            script.Output);
        var seen = server.Recorded();
        Assert.Contains("Binary 4", seen);
        Assert.Contains("ping", seen);
        Assert.Contains("close 1000 Session ended", seen);
        Assert.Contains("close 1011 Processing failed", seen);
    }

    [Fact(Timeout = 30_000)]
    public async Task OptionsSendTheTokenAndNegotiateCompression()
    {
        await using var server = LoopbackServer.Echo(new PerMessageDeflateOptions());
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("options.lua"), null, server.Url);

        Assert.Empty(script.Errors);
        Assert.Equal(["echoed\ttext\t1300"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task MessageLoopHandsEveryMessageOnAndEndsWithTheConnection()
    {
        await using var server = LoopbackServer.Feed(false, """{"type":"note","text":"one"}""", """{"type":"note","text":"two"}""");
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("message-loop.lua"), null, server.Url);

        Assert.Empty(script.Errors);
        Assert.Equal(["message\tnote\tone", "message\tnote\ttwo", "connection closed"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task SelectTakesMessagesUntilTheStreamEnds()
    {
        await using var server = LoopbackServer.Feed(false, """{"seq":1}""", """{"seq":2}""", """{"seq":3}""");
        await using var script = await WippyScript.StartAsync(Repository.ExampleSource("select.lua"), null, server.Url);

        await script.Log.WaitForAsync("stream ended", WippyScript.Patience);
        Assert.Empty(script.Errors);
        Assert.Equal(["processed\t1", "processed\t2", "processed\t3", "stream ended"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ChatJoinsTheRoomWithTheTokenAndPrintsEveryMessage()
    {
        await using var server = LoopbackServer.Feed(true, """{"from":"ana","text":"hi"}""", """{"from":"bo","text":"hello"}""");
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("chat.lua"), null, server.Url + "/ws");

        Assert.Empty(script.Errors);
        Assert.Equal(["ana: hi", "bo: hello", "left the room"], script.Output);
        Assert.Equal(["authorization Bearer chat-token", """first {"room":"lobby","type":"join"}"""], server.Recorded());
    }

    [Fact(Timeout = 30_000)]
    public async Task PriceStreamSubscribesAndUpdatesPricesUntilTheServerCloses()
    {
        await using var server = LoopbackServer.Feed(true, """{"symbol":"BTC-USD","value":97000.5}""", """{"symbol":"ETH-USD","value":3600}""");
        await using var script = await WippyScript.StartAsync(Repository.ExampleSource("price-stream.lua"), null, server.Url + "/prices");

        await script.Log.WaitForAsync("stream closed", WippyScript.Patience);
        Assert.Empty(script.Errors);
        Assert.Equal(["BTC-USD\t97000.5", "ETH-USD\t3600", "stream closed"], script.Output);
        Assert.Contains("""first {"action":"subscribe","symbols":["BTC-USD","ETH-USD"]}""", server.Recorded());
    }

    [Fact(Timeout = 30_000)]
    public async Task ErrorsCallsARefusedConnectionRetryable()
    {
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("errors.lua"));

        Assert.Empty(script.Errors);
        Assert.Equal(2, script.Output.Count);
        Assert.StartsWith("Temporary error:\tfailed to dial websocket: ", script.Output[0]);
        Assert.Equal("kind\tInternal\tretryable\ttrue", script.Output[1]);
    }

    [Fact(Timeout = 30_000)]
    public async Task ErrorsCallsADeniedConnectionPermissionDenied()
    {
        var policy = new SecurityPolicy { Rules = [SecurityRule.Deny(SecurityPolicy.Connect)] };
        await using var script = await WippyScript.RunAsync(Repository.ExampleSource("errors.lua"), policy);

        Assert.Equal(["Access denied:\twebsocket connections not allowed", "kind\tPermissionDenied\tretryable\tfalse"], script.Output);
    }
}
