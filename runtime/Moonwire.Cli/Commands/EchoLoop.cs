using Moonwire.Engine.Net;

namespace Moonwire.Cli.Commands;

/// <summary>Echoes messages until the connection closes; shared by the echo server and the client agent.</summary>
internal static class EchoLoop
{
    /// <summary>
    /// Autobahn's largest cases (group 9) send 16 MiB messages; the suite checks every frame a testee sends,
    /// so a testee sends no keepalive pings of its own.
    /// </summary>
    public static WebSocketOptions TesteeLimits { get; } = new() { MaxMessageBytes = 64L << 20, KeepAliveInterval = null };

    public static async Task RunAsync(WebSocketConnection connection)
    {
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                while (true)
                {
                    var message = await connection.ReceiveAsync().ConfigureAwait(false);
                    if (message.Kind == MessageKind.Close)
                    {
                        return;
                    }

                    if (message.Kind is MessageKind.Text or MessageKind.Binary)
                    {
                        await connection.SendAsync(message.Payload, message.Kind == MessageKind.Text).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException)
            {
                // The peer went away mid-echo; nothing is owed to it.
            }
        }
    }
}
