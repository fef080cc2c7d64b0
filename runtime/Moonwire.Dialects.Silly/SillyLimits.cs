using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly;

/// <summary>The engine settings every silly socket uses, client or server.</summary>
internal static class SillyLimits
{
    /// <summary>silly sends messages of 64 KiB or more in fragments ("sock:write"); so do we, in 64 KiB frames.</summary>
    public const int FragmentBytes = 64 * 1024;

    /// <summary>
    /// No keepalive pings: silly hands pings to the script ("ping" from sock:read) and never sends its own,
    /// so a peer script written for silly would see ours.
    /// </summary>
    public static WebSocketOptions Connection { get; } = new() { FragmentBytes = FragmentBytes, MaxMessageBytes = 16 << 20, KeepAliveInterval = null };
}
