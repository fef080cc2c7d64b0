namespace Moonwire.Conformance.Wire;

/// <summary>
/// What the fuzzer demands of the testee's frames (RFC 6455 §5.1–§5.5, RFC 7692 §6): a breach makes the
/// fuzzer fail the connection with 1002, as Autobahn's does, which fails the case.
/// </summary>
public static class FrameRules
{
    /// <summary>What is wrong with <paramref name="frame"/>, or null when it is a legal next frame.</summary>
    /// <param name="fromClient">The testee is a client (its frames must be masked, §5.1).</param>
    /// <param name="deflate">permessage-deflate was agreed, so RSV1 may mark a message's first frame.</param>
    /// <param name="inMessage">A fragmented data message is under way.</param>
    public static string? Violation(Frame frame, bool fromClient, bool deflate, bool inMessage)
    {
        if (frame.Masked != fromClient)
        {
            return fromClient ? "an unmasked client frame" : "a masked server frame";
        }

        if (!Opcodes.IsDefined(frame.Opcode))
        {
            return $"reserved opcode {frame.Opcode}";
        }

        var compressedStart = deflate && frame.Opcode is Opcodes.Text or Opcodes.Binary && frame.Rsv == 4;
        if (frame.Rsv != 0 && !compressedStart)
        {
            return $"reserved bits {frame.Rsv} set";
        }

        if (Opcodes.IsControl(frame.Opcode))
        {
            return !frame.Fin ? "a fragmented control frame" : frame.Payload.Length > 125 ? "a control frame over 125 octets" : null;
        }

        return frame.Opcode == Opcodes.Continuation
            ? inMessage ? null : "a continuation frame with no message to continue"
            : inMessage ? "a new data frame inside a fragmented message" : null;
    }
}
