using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Interop;

/// <summary>
/// Both directions against .NET's own implementation: ClientWebSocket against our server, and our client
/// against Kestrel's WebSocket middleware (ManagedWebSocket underneath), with and without deflate.
/// </summary>
public sealed class DotNetInteropTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientWebSocket_AgainstOurServer_EchoesEverySize(bool deflate)
    {
        await using var server = EchoServer.Start(deflate);
        using var client = new ClientWebSocket();
        if (deflate)
        {
            client.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }

        await client.ConnectAsync(server.Url, CancellationToken.None);
        var buffer = new byte[(16 << 20) + 1];
        foreach (var size in Payloads.InteropSizes)
        {
            foreach (var text in new[] { true, false })
            {
                var expected = Payloads.Of(size, text);
                await client.SendAsync(expected, text ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, CancellationToken.None);
                var (type, length) = await ReceiveWholeAsync(client, buffer);
                Assert.Equal(text ? WebSocketMessageType.Text : WebSocketMessageType.Binary, type);
                Assert.True(expected.AsSpan().SequenceEqual(buffer.AsSpan(0, length)), $"echo of {size} bytes (text={text}) differs");
            }
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal(deflate ? 1 : 0, server.CompressedConnections);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OurClient_AgainstKestrel_EchoesEverySize(bool deflate)
    {
        await using var app = await StartKestrelEchoAsync(deflate);

        var compressed = await EchoCheck.RunAsync(new Uri(app.Urls.Single().Replace("http", "ws", StringComparison.Ordinal)), deflate);

        Assert.Equal(deflate, compressed);
    }

    private static async Task<(WebSocketMessageType Type, int Length)> ReceiveWholeAsync(WebSocket socket, byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return (result.MessageType, length);
            }
        }
    }

    private static async Task<WebApplication> StartKestrelEchoAsync(bool deflate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = deflate });
            var buffer = new byte[(16 << 20) + 1];
            while (true)
            {
                var (type, length) = await ReceiveWholeAsync(socket, buffer);
                if (type == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, length), type, true, CancellationToken.None);
            }
        });
        await app.StartAsync();
        return app;
    }
}
