namespace Moonwire.Engine.Framing;

/// <summary>A frame opcode (RFC 6455 §5.2). Values 3–7 and 11–15 are reserved and fail the connection.</summary>
public enum Opcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
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
