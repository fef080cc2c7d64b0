namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>Every example of examples/luatos/ against a loopback echo server.</summary>
public sealed class ExampleTests
{
    [Fact(Timeout = 30_000)]
    public async Task Connect_runs_the_documents_examples_in_order()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunExampleAsync("connect.lua", server.Url));

        Assert.Empty(script.Errors);
        Assert.Equal(
            ["open", "state OPEN online true", "message www.openluat.com", "recv true www.openluat.com", "state CLOSED online false", "close 1002"],
            script.Output);
        await WaitForAsync(() => server.Received.Count == 2);
        Assert.Equal(["text:www.openluat.com", "close:1002:协议错误"], server.Received);
    }

    [Fact(Timeout = 30_000)]
    public async Task Sendframe_sends_fragments_a_ping_and_binary()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunExampleAsync("sendframe.lua", server.Url));

        Assert.Empty(script.Errors);
        Assert.Equal(["recv www.openluat.com 1", "pong are you there", "binary true 3"], script.Output);
        await WaitForAsync(() => server.Received.Count == 4);
        Assert.Equal(["text:www.openluat.com", "ping:are you there", "binary:010203", "close:1000:"], server.Received);
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_hands_messages_to_proc_and_exit_ends_it()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunExampleAsync("start.lua", server.Url));

        Assert.Empty(script.Errors);
        Assert.Equal(["open", "proc hello 1", "proc hello 2", "proc hello 3", "close 1001"], script.Output);
        await WaitForAsync(() => server.Received.Count == 4);
        Assert.Equal(["text:hello 1", "binary:68656C6C6F2032", "text:hello 3", "close:1000:"], server.Received);
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + LuatosScript.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(10);
        }
    }
}
