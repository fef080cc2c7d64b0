using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Hoozi;

/// <summary>The document's limits for every HOOZi connection.</summary>
internal static class WsLimits
{
    /// <summary>"64MB 单消息上限": a larger message closes the connection with 1009.</summary>
    public const long MaxMessageBytes = 64L << 20;

    /// <summary>How long stopping the script waits for a closing handshake before dropping TCP.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    public static WebSocketOptions Connection { get; } = new() { MaxMessageBytes = MaxMessageBytes, CloseTimeout = CloseGrace };
}
