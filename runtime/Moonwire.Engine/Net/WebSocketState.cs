namespace Moonwire.Engine.Net;

/// <summary>The connection's state as RFC 6455 §4 and §7 name it.</summary>
public enum WebSocketState
{
    Connecting,
    Open,
    Closing,
    Closed,
}
