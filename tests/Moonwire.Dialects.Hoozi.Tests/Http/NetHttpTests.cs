namespace Moonwire.Dialects.Hoozi.Tests.Http;

/// <summary>net.http against a real local HTTP server: every method, options, failures and the resp convention.</summary>
public sealed class NetHttpTests : IAsyncLifetime
{
    private HttpPeer _peer = null!;

    public async Task InitializeAsync() => _peer = await HttpPeer.StartAsync();

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    private static string Show => "function show(resp) print(resp.status, resp.ok, resp.error, resp.body) end\n";

    [Fact(Timeout = 20_000)]
    public async Task GetGivesStatusBodyAndOk()
    {
        await using var script = await RunAsync($"net.http:get('{_peer.Url}/', show)");
        Assert.Equal(["200\ttrue\t\thello from kestrel"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task DotCallWorksLikeColonCall()
    {
        await using var script = await RunAsync($"net.http.get('{_peer.Url}/', show, 5)");
        Assert.Equal(["200\ttrue\t\thello from kestrel"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task StatusOutside2xxIsNotOkAndHasNoError()
    {
        await using var script = await RunAsync($"net.http:get('{_peer.Url}/status/404', show) net.http:get('{_peer.Url}/status/503', show)");
        Assert.Equal(["404\tfalse\t\tstatus 404", "503\tfalse\t\tstatus 503"], script.Lines.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 20_000)]
    public async Task PostSendsBodyAndContentType()
    {
        await using var script = await RunAsync($"net.http:post('{_peer.Url}/echo', '{{\"event\":\"hello\"}}', 'application/json', show, 5)");
        Assert.Equal(["200\ttrue\t\tPOST Content-Type=application/json [{\"event\":\"hello\"}]"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task OptionsCarryHeadersBodyAndContentType()
    {
        await using var script = await RunAsync($$"""
            net.http:post('{{_peer.Url}}/echo', {
                headers = { Authorization = 'Bearer t', ['X-Trace-Id'] = 'abc' },
                body = json.encode({ event = 'hello' }),
                content_type = 'application/json; charset=utf-8',
            }, show)
            net.http:get('{{_peer.Url}}/echo', { headers = { ['X-Trace-Id'] = 7 }, timeout = 5 }, show)
            """);
        Assert.Equal(
            [
                "200\ttrue\t\tGET X-Trace-Id=7 []",
                "200\ttrue\t\tPOST Authorization=Bearer t;Content-Type=application/json; charset=utf-8;X-Trace-Id=abc [{\"event\":\"hello\"}]",
            ],
            script.Lines.Order(StringComparer.Ordinal));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("get")]
    public async Task RequestSendsAnyMethod(string method)
    {
        await using var script = await RunAsync($"net.http:request('{_peer.Url}/echo', '{method}', {{ body = 'x' }}, show)");
        Assert.Equal([$"200\ttrue\t\t{method.ToUpperInvariant()}  [x]"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task TimeoutEndsWithAnError()
    {
        await using var script = await RunAsync($"net.http:get('{_peer.Url}/slow', show, 1)");
        Assert.Equal(["0\tfalse\ttimed out after 1 s\t"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task RefusedConnectionEndsWithAnError()
    {
        await using var script = await RunAsync($"net.http:get('http://127.0.0.1:{Ports.Free()}/', show)");
        var line = Assert.Single(script.Lines);
        Assert.StartsWith("0\tfalse\tConnection refused", line);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/x")]
    public async Task BadUrlEndsWithAnError(string url)
    {
        await using var script = await RunAsync($"net.http:get('{url}', show)");
        Assert.Equal([$"0\tfalse\tbad URL '{url}': an absolute http:// or https:// URL is needed\t"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task SaveToFileStaysUnderTheScriptRoot()
    {
        await using var script = await RunAsync($"print(pcall(net.http.get, net.http, '{_peer.Url}/', {{ save_to_file = '../escape.zip' }}, show))");
        var line = Assert.Single(script.Lines);
        Assert.StartsWith("false\t", line);
        Assert.Contains("..", line);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("net.http:get(1, {}, {})", "bad argument #3 to 'get' (function expected, got table)")]
    [InlineData("net.http:get('u', 5)", "bad argument #2 to 'get' (function or table expected, got number)")]
    [InlineData("net.http:get('u', print, 'x')", "bad argument #3 to 'get' (number expected, got string)")]
    [InlineData("net.http:get('u', print, 0)", "bad argument #3 to 'get' (timeout must be 1..86400 seconds, got 0)")]
    [InlineData("net.http:get('u', { timeout = -1 }, print)", "bad argument #2 to 'get' (field 'timeout': timeout must be 1..86400 seconds, got -1)")]
    [InlineData("net.http:get('u', { headers = { 1 } }, print)", "bad argument #2 to 'get' (field 'headers': string = string expected, got number = number)")]
    [InlineData("net.http:post('u', 'b', 'not a type', print)", "bad argument #3 to 'post' (invalid content type 'not a type')")]
    [InlineData("net.http:post('u', {}, nil)", "bad argument #3 to 'post' (function expected, got nil)")]
    [InlineData("net.http:request('u', 'BAD METHOD', {}, print)", "bad argument #2 to 'request' (invalid HTTP method 'BAD METHOD')")]
    [InlineData("net.http:request('u', 'GET', nil, print)", "bad argument #3 to 'request' (table expected, got nil)")]
    public async Task BadArgumentsRaiseLuasStandardErrors(string call, string error)
    {
        await using var script = await RunAsync($"print(select(2, pcall(function() {call} end)))");
        var line = Assert.Single(script.Lines);
        Assert.EndsWith("script.lua:2: " + error, line);
    }

    [Fact(Timeout = 20_000)]
    public async Task UnloadingDropsPendingResponsesSilently()
    {
        await using var script = await HooziScript.StartAsync(Show + $"net.http:get('{_peer.Url}/slow', show, 20)");
        await Task.Delay(200);
        await script.Dialect.UnloadAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(script.Lines);
        Assert.Empty(script.Errors);
    }

    private static async Task<HooziScript> RunAsync(string source)
    {
        var script = await HooziScript.StartAsync(Show + source);
        await script.Finished(15);
        return script;
    }
}
