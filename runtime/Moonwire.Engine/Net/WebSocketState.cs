namespace Moonwire.Engine.Net;

/// <summary>The connection's state as RFC 6455 §4 and §7 name it.</summary>
public enum WebSocketState
{
    /// <summary>The opening handshake is in progress.</summary>
    Connecting,
    /// <summary>Messages flow both ways.</summary>
    Open,
    /// <summary>A Close was sent or received; waiting for the other side's.</summary>
    Closing,
    /// <summary>The closing handshake is done or the connection failed; TCP is closed.</summary>
    Closed,
}
