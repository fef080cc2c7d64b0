using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Protocol;

/// <summary>What kind of <see cref="ReadEvent"/> the reader found.</summary>
public enum ReadEventKind
{
    /// <summary>The input holds no complete event; read more bytes and call again.</summary>
    NeedMoreData,
    /// <summary>A whole data message, reassembled and inflated.</summary>
    Message,
    /// <summary>A ping; the caller owes a pong with the same payload.</summary>
    Ping,
    /// <summary>A pong.</summary>
    Pong,
    /// <summary>A valid Close; the caller echoes it unless it sent one first.</summary>
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
    /// <summary>What was found.</summary>
    public ReadEventKind Kind { get; init; }

    /// <summary>Text or Binary for messages; the control opcode otherwise.</summary>
    public Opcode Opcode { get; init; }

    /// <summary>The message or control payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The received close code (1005 when the Close had none).</summary>
    public ushort CloseCode { get; init; }

    /// <summary>The received close reason, UTF-8.</summary>
    public ReadOnlyMemory<byte> CloseReason { get; init; }

    /// <summary>With <see cref="ReadEventKind.Fault"/>: which rule the peer broke.</summary>
    public WebSocketFault Fault { get; init; }

    internal static ReadEvent NeedMore => default;

    internal static ReadEvent Failed(WebSocketFault fault) => new() { Kind = ReadEventKind.Fault, Fault = fault };
}
