namespace Moonwire.Conformance.Wire;

/// <summary>One frame as it crossed the wire (payload already unmasked).</summary>
public sealed record Frame(bool Fin, int Rsv, int Opcode, byte[] Payload, bool Masked);
