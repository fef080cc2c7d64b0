using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Protocol;

public enum ReadEventKind
{
    /// <summary>The input holds no complete event; read more bytes and call again.</summary>
    NeedMoreData,
    Message,
    Ping,
    Pong,
    Close,
    /// <summary>The peer broke the protocol: fail the connection with the fault's close code.</summary>
    Fault,
}

/// <summary>
/// What <see cref="MessageReader.Read"/> found. <see cref="Payload"/> and <see cref="CloseReason"/>
/// point into the caller's input or the reader's own buffers and stay valid until the next Read.
/// </summary>
public readonly struct ReadEvent
{
    public ReadEventKind Kind { get; init; }

    /// <summary>Text or Binary for messages; the control opcode otherwise.</summary>
    public Opcode Opcode { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The received close code (1005 when the Close had none).</summary>
    public ushort CloseCode { get; init; }

    /// <summary>The received close reason, UTF-8.</summary>
    public ReadOnlyMemory<byte> CloseReason { get; init; }

    public WebSocketFault Fault { get; init; }

    internal static ReadEvent NeedMore => default;

    internal static ReadEvent Failed(WebSocketFault fault) => new() { Kind = ReadEventKind.Fault, Fault = fault };
}
