using System.Text;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

/// <summary>What a <see cref="WebSocketMessage"/> carries.</summary>
public enum MessageKind
{
    /// <summary>A whole text message, valid UTF-8.</summary>
    Text,
    /// <summary>A whole binary message.</summary>
    Binary,
    /// <summary>A ping from the peer; the connection has already answered it.</summary>
    Ping,
    /// <summary>A pong from the peer.</summary>
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
    /// <summary>What was received.</summary>
    public MessageKind Kind { get; init; }

    /// <summary>The message or control payload, reassembled and inflated.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>With <see cref="MessageKind.Close"/>: the peer's code, or the code the connection failed with.</summary>
    public ushort CloseCode { get; init; }

    /// <summary>With <see cref="MessageKind.Close"/>: the peer's reason, or why the connection failed.</summary>
    public string CloseReason { get; init; }

    /// <summary>With <see cref="MessageKind.Close"/>: the peer's protocol error, when that is why it closed.</summary>
    public WebSocketFault Fault { get; init; }

    /// <summary>The payload decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}
