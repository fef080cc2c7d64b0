using System.Text;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

public enum MessageKind
{
    Text,
    Binary,
    Ping,
    Pong,
    /// <summary>The connection is closing or closed: by the peer's Close, our own, a fault, or a dropped socket.</summary>
    Close,
}

/// <summary>
/// One thing received. <see cref="Payload"/> is valid until the next receive call; copy it to keep it.
/// A Close carries the code and reason the peer sent, or the code the connection failed with
/// (1006 when TCP dropped without a Close) and then <see cref="Fault"/> says why.
/// </summary>
public readonly struct WebSocketMessage
{
    public MessageKind Kind { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public ushort CloseCode { get; init; }

    public string CloseReason { get; init; }

    public WebSocketFault Fault { get; init; }

    public string Text => Encoding.UTF8.GetString(Payload.Span);
}
