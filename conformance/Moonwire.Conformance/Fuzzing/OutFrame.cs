namespace Moonwire.Conformance.Fuzzing;

/// <summary>A frame the fuzzer will send, legal or not.</summary>
public sealed record OutFrame(int Opcode, byte[] Payload, bool Fin = true, int Rsv = 0);
