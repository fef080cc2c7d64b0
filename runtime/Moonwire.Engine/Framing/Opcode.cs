namespace Moonwire.Engine.Framing;

/// <summary>A frame opcode (RFC 6455 §5.2). Values 3–7 and 11–15 are reserved and fail the connection.</summary>
public enum Opcode : byte
{
    /// <summary>A later fragment of a message.</summary>
    Continuation = 0x0,
    /// <summary>The first frame of a UTF-8 text message.</summary>
    Text = 0x1,
    /// <summary>The first frame of a binary message.</summary>
    Binary = 0x2,
    /// <summary>The closing handshake (§5.5.1).</summary>
    Close = 0x8,
    /// <summary>A ping, answered with a pong carrying the same payload (§5.5.2).</summary>
    Ping = 0x9,
    /// <summary>The answer to a ping, or an unsolicited heartbeat (§5.5.3).</summary>
    Pong = 0xA,
}

/// <summary>Classification of opcodes, including the reserved values the enum does not name.</summary>
public static class OpcodeKind
{
    /// <summary>Control frames have the high bit of the opcode set (RFC 6455 §5.5).</summary>
    public static bool IsControl(Opcode opcode) => ((byte)opcode & 0x8) != 0;

    /// <summary>True for the six opcodes RFC 6455 defines; false for the reserved ones.</summary>
    public static bool IsDefined(Opcode opcode) => opcode is Opcode.Continuation or Opcode.Text or Opcode.Binary
        or Opcode.Close or Opcode.Ping or Opcode.Pong;
}
