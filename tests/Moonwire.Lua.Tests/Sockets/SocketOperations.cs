using Moonwire.Engine.Net;

namespace Moonwire.Lua.Tests.Sockets;

/// <summary>The engine operations behind <see cref="SocketBindings"/> (async code cannot live in its unsafe class).</summary>
internal static class SocketOperations
{
    public static async ValueTask<(SocketBindings Owner, WebSocketConnection Connection, IDisposable Ownership)> ConnectAsync(
        SocketBindings owner, LuaHost host, Uri url)
    {
        try
        {
            var connection = await WebSocketClient.ConnectAsync(url).ConfigureAwait(false);
            // Owned at once (Own is thread-safe): if the script stopped meanwhile, this closes it.
            return (owner, connection, host.Own(connection));
        }
        catch (WebSocketException e)
        {
            throw new LuaException(e.Message);
        }
    }

    public static async ValueTask<byte[]> ReceiveTextAsync(WebSocketConnection connection)
    {
        var message = await connection.ReceiveAsync().ConfigureAwait(false);
        return message.Kind == MessageKind.Text ? message.Payload.ToArray() : throw new LuaException($"closed: {message.CloseCode}");
    }

    public static async ValueTask<bool> Done(ValueTask operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }
}
