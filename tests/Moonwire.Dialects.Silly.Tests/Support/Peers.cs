using System.Text;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>Real loopback peers for the scripts, built on our engine.</summary>
internal static class Peers
{
    /// <summary>Connects to a script's server, retrying while it is still starting.</summary>
    public static async Task<WebSocketConnection> ConnectAsync(string url, WebSocketClientOptions? options = null)
    {
        using var timeout = new CancellationTokenSource(SillyScript.Patience);
        while (true)
        {
            try
            {
                return await WebSocketClient.ConnectAsync(new Uri(url), options, timeout.Token);
            }
            catch (WebSocketException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    public static async Task<string> ReceiveTextAsync(WebSocketConnection connection)
    {
        var message = await connection.ReceiveAsync().AsTask().WaitAsync(SillyScript.Patience);
        Assert.Equal(MessageKind.Text, message.Kind);
        return message.Text;
    }

    public static Task SendTextAsync(WebSocketConnection connection, string text) =>
        connection.SendAsync(Encoding.UTF8.GetBytes(text), isText: true).AsTask().WaitAsync(SillyScript.Patience);
}
