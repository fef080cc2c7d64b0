using Moonwire.Conformance.Fuzzing;

namespace Moonwire.Conformance.Cases;

/// <summary>Group 10: a 64 KiB text message auto-fragmented into 1300-octet frames.</summary>
internal static class Group10Misc
{
    public static IEnumerable<CaseDefinition> Cases()
    {
        yield return new CaseDefinition(
            "10.1.1",
            "Send text message with payload of length 65536 auto-fragmented with autoFragmentSize = 1300.",
            "Receive echo'ed text message (with payload as sent and transmitted frame counts as sent). Clean close with normal code.",
            async run =>
            {
                var payload = Bytes.Repeat((byte)'*', 65536);
                run.Expect(Verdict.Ok, CaseEvent.Message(payload, binary: false));
                await run.Connection.SendMessageAsync(payload, binary: false, fragmentSize: 1300).ConfigureAwait(false);
                run.KillAfter(10);
            });
    }
}
