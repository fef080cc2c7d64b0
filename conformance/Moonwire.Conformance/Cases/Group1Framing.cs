using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>Group 1: text (1.1) and binary (1.2) messages at every payload-length encoding boundary.</summary>
internal static class Group1Framing
{
    private static readonly int[] Lengths = [0, 125, 126, 127, 128, 65535, 65536];

    public static IEnumerable<CaseDefinition> Cases()
    {
        foreach (var (sub, opcode, kind, fill) in new[] { (1, Opcodes.Text, "text", (byte)'*'), (2, Opcodes.Binary, "binary", (byte)0xFE) })
        {
            for (var i = 0; i <= Lengths.Length; i++)
            {
                var chop = i == Lengths.Length ? 997 : 0;
                var length = Lengths[Math.Min(i, Lengths.Length - 1)];
                var payload = Bytes.Repeat(fill, length);
                yield return new CaseDefinition(
                    $"1.{sub}.{i + 1}",
                    $"Send {kind} message with payload {length}{(chop > 0 ? $". Sent out data in chops of {chop} octets" : "")}.",
                    $"Receive echo'ed {kind} message (with payload as sent). Clean close with normal code.",
                    async run =>
                    {
                        run.Expect(Verdict.Ok, CaseEvent.Message(payload, opcode == Opcodes.Binary));
                        await run.SendAsync(new OutFrame(opcode, payload), chop).ConfigureAwait(false);
                        run.KillAfter(length > 128 ? 10 : 1);
                    });
            }
        }
    }
}
