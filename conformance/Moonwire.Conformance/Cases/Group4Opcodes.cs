using Moonwire.Conformance.Fuzzing;

namespace Moonwire.Conformance.Cases;

/// <summary>Group 4: reserved non-control (3–7, 4.1) and control (11–15, 4.2) opcodes fail the connection.</summary>
internal static class Group4Opcodes
{
    public static IEnumerable<CaseDefinition> Cases()
    {
        foreach (var (sub, first) in new[] { (1, 3), (2, 11) })
        {
            var kind = sub == 1 ? "non-control" : "control";
            yield return BadFrames.Alone($"4.{sub}.1", $"Send frame with reserved {kind} Opcode = {first}.", Fails, new OutFrame(first, []));
            yield return BadFrames.Alone($"4.{sub}.2", $"Send frame with reserved {kind} Opcode = {first + 1} and non-empty payload.", Fails, new OutFrame(first + 1, Bytes.Utf8("reserved opcode payload")));
            for (var i = 3; i <= 5; i++)
            {
                var opcode = first + i - 1;
                var payload = i == 3 ? [] : Bytes.Utf8("reserved opcode payload");
                yield return BadFrames.AfterEcho(
                    $"4.{sub}.{i}",
                    $"Send small text message, then send frame with reserved {kind} Opcode = {opcode}{(i == 3 ? "" : " and non-empty payload")}, then send Ping.",
                    "Echo for first message is received, but then connection is failed immediately, since reserved opcode frame is used. A Pong is not received.",
                    new OutFrame(opcode, payload),
                    Chops.Together);
            }
        }
    }

    private const string Fails = "The connection is failed immediately.";
}
