using System.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>websocket.upgrade on requests that are not WebSocket handshakes, and on streams already answered.</summary>
public sealed class UpgradeTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_plain_request_is_refused_with_the_engines_status_and_upgrade_returns_nil_and_why()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartAsync("""
            require("silly.net.http").listen {
              addr = ...,
              handler = function(stream)
                print(require("silly.net.websocket").upgrade(stream))
              end,
            }
            """, [$"127.0.0.1:{port}"]);
        using var http = new HttpClient { Timeout = SillyScript.Patience };

        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal(
            ["nil\tupgrade refused (426): This is a WebSocket endpoint: send Upgrade: websocket and Connection: Upgrade."],
            await script.OutputAsync(1));
    }

    [Fact(Timeout = 60_000)]
    public async Task Upgrading_a_stream_that_was_already_closed_returns_nil_and_a_message()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartAsync("""
            require("silly.net.http").listen {
              addr = ...,
              handler = function(stream)
                stream:respond(204, {})
                stream:close()
                print(require("silly.net.websocket").upgrade(stream))
              end,
            }
            """, [$"127.0.0.1:{port}"]);
        using var http = new HttpClient { Timeout = SillyScript.Patience };

        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["nil\tthe stream is closed"], await script.OutputAsync(1));
    }
}
