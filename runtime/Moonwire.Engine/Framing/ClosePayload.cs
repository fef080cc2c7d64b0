using System.Buffers.Binary;
using System.Text.Unicode;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Framing;

/// <summary>The body of a Close frame: an optional 2-byte code and a UTF-8 reason (RFC 6455 §5.5.1).</summary>
public static class ClosePayload
{
    /// <summary>A control frame carries at most 125 bytes, two of them the code.</summary>
    public const int MaxReasonBytes = 123;

    /// <summary>
    /// Reads a received Close body. An empty body is valid and reports 1005 (no status, §7.1.5);
    /// one byte, a code that may not be sent, or a reason that is not UTF-8 fail the connection.
    /// </summary>
    public static WebSocketFault TryParse(ReadOnlySpan<byte> payload, out ushort code, out ReadOnlySpan<byte> reason)
    {
        code = CloseCode.NoStatus;
        reason = default;
        if (payload.IsEmpty)
        {
            return WebSocketFault.None;
        }

        if (payload.Length == 1)
        {
            return WebSocketFault.ClosePayloadLengthOne;
        }

        code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!CloseCode.IsValidOnWire(code))
        {
            return WebSocketFault.InvalidCloseCode;
        }

        reason = payload[2..];
        return Utf8.IsValid(reason) ? WebSocketFault.None : WebSocketFault.InvalidCloseReason;
    }

    /// <summary>Writes a code and reason for sending; returns the bytes written. Refuses what a peer would reject.</summary>
    public static int Write(Span<byte> output, ushort code, ReadOnlySpan<byte> utf8Reason)
    {
        if (!CloseCode.IsValidOnWire(code))
        {
            throw new ArgumentException($"Close code {code} may not be sent (RFC 6455 §7.4).", nameof(code));
        }

        if (utf8Reason.Length > MaxReasonBytes)
        {
            throw new ArgumentException($"A close reason is at most {MaxReasonBytes} UTF-8 bytes, not {utf8Reason.Length}.", nameof(utf8Reason));
        }

        if (!Utf8.IsValid(utf8Reason))
        {
            throw new ArgumentException("A close reason must be valid UTF-8.", nameof(utf8Reason));
        }

        BinaryPrimitives.WriteUInt16BigEndian(output, code);
        utf8Reason.CopyTo(output[2..]);
        return 2 + utf8Reason.Length;
    }
}
