using Moonwire.Cli.Commands;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Xunit;

namespace Moonwire.Engine.Tests.Support;

/// <summary>Our client against any echo server: every interop size, text and binary, byte for byte.</summary>
internal static class EchoCheck
{
    /// <summary>Returns whether permessage-deflate was agreed.</summary>
    public static async Task<bool> RunAsync(Uri url, bool deflate)
    {
        var options = new WebSocketClientOptions
        {
            Deflate = deflate ? new PerMessageDeflateOptions() : null,
            Connection = EchoLoop.TesteeLimits,
        };
        await using var connection = await WebSocketClient.ConnectAsync(url, options);
        foreach (var size in Payloads.InteropSizes)
        {
            foreach (var text in new[] { true, false })
            {
                var expected = Payloads.Of(size, text);
                await connection.SendAsync(expected, text);
                var echo = await connection.ReceiveAsync();
                Assert.Equal(text ? MessageKind.Text : MessageKind.Binary, echo.Kind);
                Assert.True(expected.AsSpan().SequenceEqual(echo.Payload.Span), $"echo of {size} bytes (text={text}) differs");
            }
        }

        await connection.CloseAsync();
        Assert.Equal(WebSocketState.Closed, connection.State);
        return connection.IsCompressed;
    }
}
