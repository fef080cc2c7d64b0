using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly;

/// <summary>The engine settings every silly socket uses, client or server.</summary>
internal static class SillyLimits
{
    /// <summary>silly sends messages of 64 KiB or more in fragments ("sock:write"); so do we, in 64 KiB frames.</summary>
    public const int FragmentBytes = 64 * 1024;

    public static WebSocketOptions Connection { get; } = new() { FragmentBytes = FragmentBytes, MaxMessageBytes = 16 << 20 };
}
