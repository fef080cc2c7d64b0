using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Framing;

/// <summary>The checks one header must pass on its own, before its payload is read (RFC 6455 §5.1–§5.5, RFC 7692 §6).</summary>
public static class FrameRules
{
    /// <param name="header">The frame's header.</param>
    /// <param name="isServer">Frames from a client must be masked, frames from a server must not (§5.1).</param>
    /// <param name="deflateAgreed">RSV1 means "compressed" once permessage-deflate is agreed (RFC 7692 §6).</param>
    public static WebSocketFault Check(in FrameHeader header, bool isServer, bool deflateAgreed)
    {
        if (!OpcodeKind.IsDefined(header.Opcode))
        {
            return WebSocketFault.ReservedOpcode;
        }

        var control = OpcodeKind.IsControl(header.Opcode);
        if (header.Rsv2 || header.Rsv3 || (header.Rsv1 && !deflateAgreed))
        {
            return WebSocketFault.ReservedBitsSet;
        }

        if (header.Rsv1 && control)
        {
            return WebSocketFault.CompressedControlFrame;
        }

        if (header.Rsv1 && header.Opcode == Opcode.Continuation)
        {
            return WebSocketFault.CompressedContinuation;
        }

        if (header.Masked != isServer)
        {
            return isServer ? WebSocketFault.UnmaskedClientFrame : WebSocketFault.MaskedServerFrame;
        }

        if (control && header.PayloadLength > 125)
        {
            return WebSocketFault.ControlFrameTooLong;
        }

        return control && !header.Fin ? WebSocketFault.FragmentedControlFrame : WebSocketFault.None;
    }
}
