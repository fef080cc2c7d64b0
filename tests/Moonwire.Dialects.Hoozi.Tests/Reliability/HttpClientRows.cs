using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Moonwire.Dialects.Hoozi.Tests.Reliability;

/// <summary>
/// Reliability rows HT-1…HT-3 (docs/reliability.md) for Moonwire's HTTP client, HOOZi's net.http, against a
/// raw loopback HTTP server that answers exactly the bytes each row needs.
/// </summary>
public sealed class HttpClientRows
{
    private const string Show = "function show(resp) print(resp.status, resp.ok, resp.error, resp.body) end\n";

    [Theory(Timeout = 20_000)]
    [InlineData(@"['X-Note'] = 'fine\r\nX-Injected: yes'")]
    [InlineData(@"['X-Note'] = 'fine\nX-Injected: yes'")]
    [InlineData(@"['X-Note: fine\r\nX-Injected'] = 'yes'")]
    [InlineData(@"['X-Note'] = 'nul\0byte'")]
    public async Task HT_1_CrOrLfInAHeaderFromLua_IsRefusedBeforeSending(string header)
    {
        await using var server = new RawHttpServer((_, stream) => WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));

        await using var script = await RunAsync($"print(pcall(net.http.get, net.http, '{server.Url}/', {{ headers = {{ {header} }} }}, show))");

        var line = Assert.Single(script.Lines);
        Assert.StartsWith("false\t", line, StringComparison.Ordinal);
        Assert.Contains("bad argument #2 to 'get' (field 'headers': invalid header", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    /// <summary>80 MiB of zeros gzipped to ~80 KiB: the cap counts inflated bytes.</summary>
    [Fact(Timeout = 60_000)]
    public async Task HT_2_GzipBomb_StopsAtTheBodyCap_CountingInflatedBytes()
    {
        var bomb = Gzip(80 << 20);
        await using var server = new RawHttpServer((_, stream) => WriteAsync(stream,
            $"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {bomb.Length}\r\nConnection: close\r\n\r\n", bomb));

        await using var script = await RunAsync($"net.http:get('{server.Url}/bomb', {{ timeout = 50 }}, show)", seconds: 55);

        Assert.True(bomb.Length < 1 << 20);
        Assert.Equal(["200\tfalse\tresponse body is over 64 MB; use save_to_file\t"], script.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task HT_2_EndlessChunkedBody_StopsAtTheBodyCap()
    {
        await using var server = new RawHttpServer(async (_, stream) =>
        {
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string('x', 0x4000) + "\r\n");
            while (true)
            {
                await stream.WriteAsync(chunk);
            }
        });

        await using var script = await RunAsync($"net.http:get('{server.Url}/endless', {{ timeout = 50 }}, show)", seconds: 55);

        Assert.Equal(["200\tfalse\tresponse body is over 64 MB; use save_to_file\t"], script.Lines);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HT_2_BodyTrickledForever_EndsAtTheTimeout_InMemoryOrToAFile(bool toFile)
    {
        await using var server = new RawHttpServer(async (_, stream) =>
        {
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            while (true)
            {
                await WriteAsync(stream, "1\r\nz\r\n");
                await Task.Delay(100);
            }
        });
        var root = Directory.CreateTempSubdirectory("hoozi-").FullName;
        var options = toFile ? "timeout = 1, save_to_file = 'slow.bin'" : "timeout = 1";

        await using var script = await HooziScript.StartAsync(Show + $"net.http:get('{server.Url}/slow', {{ {options} }}, show)", root);
        await script.Finished(15);

        Assert.Equal(["0\tfalse\ttimed out after 1 s\t"], script.Lines);
        Assert.Empty(Directory.GetFiles(root, "slow.bin*"));
    }

    [Fact(Timeout = 20_000)]
    public async Task HT_2_BodyWithoutContentLength_EndsWhenTheServerCloses()
    {
        await using var server = new RawHttpServer((_, stream) => WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close"));

        await using var script = await RunAsync($"net.http:get('{server.Url}/', show)");

        Assert.Equal(["200\ttrue\t\tuntil close"], script.Lines);
    }

    [Fact(Timeout = 30_000)]
    public async Task HT_3_RedirectLoop_StopsAfterTenRedirects()
    {
        await using var server = new RawHttpServer((_, stream) =>
            WriteAsync(stream, "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

        await using var script = await RunAsync($"net.http:get('{server.Url}/', show)");

        Assert.Equal(["302\tfalse\tstopped after 10 redirects\t"], script.Lines);
        Assert.Equal(11, server.Requests.Count);
    }

    /// <summary>Credentials go to the origin the script named, and to no other (the port makes another origin).</summary>
    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HT_3_RedirectToAnotherOrigin_DropsAuthorizationAndCookie(bool crossOrigin)
    {
        await using var landing = new RawHttpServer((_, stream) => WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nlanded"));
        await using var server = new RawHttpServer((head, stream) => head.StartsWith("GET /landing", StringComparison.Ordinal)
            ? WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nlanded")
            : WriteAsync(stream, $"HTTP/1.1 302 Found\r\nLocation: {(crossOrigin ? landing.Url : "")}/landing\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

        await using var script = await RunAsync($"net.http:get('{server.Url}/start', {{ headers = {{ Authorization = 'Bearer secret', " +
            "Cookie = 'session=secret', ['Proxy-Authorization'] = 'Basic secret', ['X-Trace'] = 'kept' } }, show)");

        Assert.Equal(["200\ttrue\t\tlanded"], script.Lines);
        var redirected = Assert.Single((crossOrigin ? landing : server).Requests, r => r.StartsWith("GET /landing", StringComparison.Ordinal));
        Assert.Contains("X-Trace: kept", redirected, StringComparison.Ordinal);
        foreach (var credential in new[] { "Authorization: Bearer secret", "Cookie: session=secret", "Proxy-Authorization: Basic secret" })
        {
            Assert.Equal(!crossOrigin, redirected.Contains(credential, StringComparison.Ordinal));
        }
    }

    private static async Task<HooziScript> RunAsync(string source, int seconds = 15)
    {
        var script = await HooziScript.StartAsync(Show + source);
        await script.Finished(seconds);
        return script;
    }

    private static async Task WriteAsync(Stream stream, string head, byte[]? body = null)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }
    }

    private static byte[] Gzip(int zeros)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
        {
            var block = new byte[1 << 20];
            for (var written = 0; written < zeros; written += block.Length)
            {
                gzip.Write(block);
            }
        }

        return packed.ToArray();
    }

    /// <summary>One request per connection, answered by a handler that writes raw bytes; records every request head.</summary>
    private sealed class RawHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<string, Stream, Task> _respond;
        private readonly Task _accepting;

        public RawHttpServer(Func<string, Stream, Task> respond)
        {
            _respond = respond;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public ConcurrentQueue<string> Requests { get; } = new();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    _ = ServeAsync(await _listener.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(one) == 0)
                    {
                        return;
                    }

                    head.Append((char)one[0]);
                }

                Requests.Enqueue(head.ToString());
                try
                {
                    await _respond(head.ToString(), stream);
                }
                catch (IOException)
                {
                    // The client hung up: how the endless bodies end.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
        }
    }
}
