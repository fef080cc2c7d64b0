namespace Moonwire.Conformance.Wire;

/// <summary>RFC 6455 §5.2 opcodes as plain numbers: the fuzzer also sends the reserved ones (3–7, 11–15).</summary>
public static class Opcodes
{
    public const int Continuation = 0;
    public const int Text = 1;
    public const int Binary = 2;
    public const int Close = 8;
    public const int Ping = 9;
    public const int Pong = 10;

    public static bool IsControl(int opcode) => opcode >= 8;

    public static bool IsDefined(int opcode) => opcode is <= 2 or (>= 8 and <= 10);

    public static string Name(int opcode) => opcode switch
    {
        Continuation => "CONTINUATION",
        Text => "TEXT",
        Binary => "BINARY",
        Close => "CLOSE",
        Ping => "PING",
        Pong => "PONG",
        _ => $"RESERVED-{opcode}",
    };
}
