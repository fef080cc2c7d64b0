namespace Moonwire.Engine.Protocol;

/// <summary>
/// Every way a peer can break the protocol, with a stable name that tests and Lua-side typed errors
/// match on. <see cref="WebSocketFaults.CloseCodeOf"/> is the one place that maps a fault to its close code.
/// </summary>
public enum WebSocketFault
{
    /// <summary>No fault.</summary>
    None = 0,
    // Framing (RFC 6455 §5.2)
    /// <summary>RSV1–3 set without an extension that defines them.</summary>
    ReservedBitsSet,
    /// <summary>An opcode RFC 6455 reserves.</summary>
    ReservedOpcode,
    /// <summary>A 64-bit payload length with its most significant bit set.</summary>
    PayloadLengthTopBitSet,
    /// <summary>A client sent an unmasked frame.</summary>
    UnmaskedClientFrame,
    /// <summary>A server sent a masked frame.</summary>
    MaskedServerFrame,
    // Control frames and fragmentation (§5.4, §5.5)
    /// <summary>A control frame with more than 125 bytes of payload.</summary>
    ControlFrameTooLong,
    /// <summary>A control frame without FIN.</summary>
    FragmentedControlFrame,
    /// <summary>A continuation frame with no message to continue.</summary>
    ContinuationWithoutStart,
    /// <summary>A new text or binary frame before the fragmented message ended.</summary>
    DataFrameInsideFragmentedMessage,
    // Close frames (§5.5.1, §7.4)
    /// <summary>A Close payload of one byte: half a status code.</summary>
    ClosePayloadLengthOne,
    /// <summary>A Close code that may not cross the wire (<see cref="CloseCode.IsValidOnWire"/>).</summary>
    InvalidCloseCode,
    /// <summary>A Close reason that is not UTF-8.</summary>
    InvalidCloseReason,
    // Payload (§8.1)
    /// <summary>A text message that is not UTF-8.</summary>
    InvalidUtf8,
    // permessage-deflate (RFC 7692 §6.1, §7.2.2)
    /// <summary>A control frame with RSV1 set.</summary>
    CompressedControlFrame,
    /// <summary>A continuation frame with RSV1 set (only the first frame carries it).</summary>
    CompressedContinuation,
    /// <summary>A compressed message that is not valid DEFLATE data.</summary>
    CorruptDeflateStream,
    // Limits (§10.4)
    /// <summary>A message larger than the connection's limit.</summary>
    MessageTooBig,
    /// <summary>A message spread over more frames than the connection's limit.</summary>
    TooManyFragments,
}

/// <summary>Maps each <see cref="WebSocketFault"/> to the close code the connection fails with.</summary>
public static class WebSocketFaults
{
    /// <summary>The close code to fail the connection with for <paramref name="fault"/>.</summary>
    public static ushort CloseCodeOf(WebSocketFault fault) => fault switch
    {
        WebSocketFault.InvalidUtf8 => CloseCode.InvalidPayload,
        WebSocketFault.InvalidCloseReason => CloseCode.InvalidPayload,
        WebSocketFault.CorruptDeflateStream => CloseCode.InvalidPayload,
        WebSocketFault.MessageTooBig => CloseCode.MessageTooBig,
        WebSocketFault.TooManyFragments => CloseCode.PolicyViolation,
        WebSocketFault.None => CloseCode.Normal,
        _ => CloseCode.ProtocolError,
    };

    /// <summary>A short English description, used in close reasons and error messages.</summary>
    public static string Describe(WebSocketFault fault) => fault switch
    {
        WebSocketFault.ReservedBitsSet => "reserved bits set without a negotiated extension",
        WebSocketFault.ReservedOpcode => "reserved opcode",
        WebSocketFault.PayloadLengthTopBitSet => "64-bit payload length with the most significant bit set",
        WebSocketFault.UnmaskedClientFrame => "unmasked frame from a client",
        WebSocketFault.MaskedServerFrame => "masked frame from a server",
        WebSocketFault.ControlFrameTooLong => "control frame payload over 125 bytes",
        WebSocketFault.FragmentedControlFrame => "fragmented control frame",
        WebSocketFault.ContinuationWithoutStart => "continuation frame without a message to continue",
        WebSocketFault.DataFrameInsideFragmentedMessage => "new data frame inside a fragmented message",
        WebSocketFault.ClosePayloadLengthOne => "close frame with a 1-byte payload",
        WebSocketFault.InvalidCloseCode => "invalid close code",
        WebSocketFault.InvalidCloseReason => "close reason is not valid UTF-8",
        WebSocketFault.InvalidUtf8 => "text message is not valid UTF-8",
        WebSocketFault.CompressedControlFrame => "RSV1 set on a control frame",
        WebSocketFault.CompressedContinuation => "RSV1 set on a continuation frame",
        WebSocketFault.CorruptDeflateStream => "corrupt permessage-deflate data",
        WebSocketFault.MessageTooBig => "message exceeds the size limit",
        WebSocketFault.TooManyFragments => "message exceeds the fragment-count limit",
        _ => "no fault",
    };
}
