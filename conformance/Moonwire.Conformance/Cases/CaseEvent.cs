namespace Moonwire.Conformance.Cases;

/// <summary>
/// Something the testee did that a case compares with its expectations: a message, ping or pong, or a
/// "timeout" marker a case records when it waited and the connection was still open.
/// </summary>
public sealed class CaseEvent : IEquatable<CaseEvent>
{
    private CaseEvent(string kind, ReadOnlyMemory<byte> payload, bool binary)
    {
        Kind = kind;
        Payload = payload;
        Binary = binary;
    }

    public string Kind { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public bool Binary { get; }

    public static CaseEvent Message(ReadOnlyMemory<byte> payload, bool binary) => new("message", payload, binary);

    public static CaseEvent Text(string text) => Message(System.Text.Encoding.UTF8.GetBytes(text), binary: false);

    public static CaseEvent Ping(ReadOnlyMemory<byte> payload) => new("ping", payload, binary: true);

    public static CaseEvent Pong(ReadOnlyMemory<byte> payload) => new("pong", payload, binary: true);

    public static CaseEvent Timeout(string label) => new("timeout", System.Text.Encoding.UTF8.GetBytes(label), binary: false);

    public bool Equals(CaseEvent? other) =>
        other is not null && Kind == other.Kind && Binary == other.Binary && Payload.Span.SequenceEqual(other.Payload.Span);

    public override bool Equals(object? obj) => Equals(obj as CaseEvent);

    public override int GetHashCode() => HashCode.Combine(Kind, Binary, Payload.Length);

    public override string ToString()
    {
        var shown = Payload.Length <= 64 ? Convert.ToHexString(Payload.Span) : $"{Convert.ToHexString(Payload.Span[..32])}… ({Payload.Length} octets)";
        return Kind == "message" ? $"message({(Binary ? "binary" : "text")}, {shown})" : $"{Kind}({shown})";
    }
}
