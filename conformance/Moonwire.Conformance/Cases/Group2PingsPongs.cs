using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>Group 2: pings answered with identical pongs, unsolicited pongs ignored, oversized pings fail.</summary>
internal static class Group2PingsPongs
{
    private const string CleanClose = " Clean close with normal code.";

    public static IEnumerable<CaseDefinition> Cases()
    {
        yield return PingPong("2.1", "Send ping without payload.", "Pong (with empty payload) is sent in reply to Ping.", [], 0);
        yield return PingPong("2.2", "Send ping with small text payload.", "Pong with payload echo'ed is sent in reply to Ping.", Bytes.Utf8("Hello, world!"), 0);
        yield return PingPong("2.3", "Send ping with small binary (non UTF-8) payload.", "Pong with payload echo'ed is sent in reply to Ping.", Bytes.SmallBinary, 0);
        yield return PingPong("2.4", "Send ping with binary payload of 125 octets.", "Pong with payload echo'ed is sent in reply to Ping.", Bytes.Repeat(0xFE, 125), 0);
        yield return new CaseDefinition(
            "2.5",
            "Send ping with binary payload of 126 octets.",
            "Connection is failed immediately (1002/Protocol Error), since control frames are only allowed to have payload up to and including 125 octets.",
            async run =>
            {
                run.Expect(Verdict.Ok);
                run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.ProtocolError);
                await run.SendAsync(new OutFrame(Opcodes.Ping, Bytes.Repeat(0xFE, 126))).ConfigureAwait(false);
                run.KillAfter(1);
            });
        yield return PingPong("2.6", "Send ping with binary payload of 125 octets, send in octet-wise chops.", "Pong with payload echo'ed is sent in reply to Ping. Implementations must be TCP clean.", Bytes.Repeat(0xFE, 125), 1);
        yield return UnsolicitedPong("2.7", "Send unsolicited pong without payload. Verify nothing is received.", []);
        yield return UnsolicitedPong("2.8", "Send unsolicited pong with payload. Verify nothing is received.", Bytes.Utf8("unsolicited pong payload"));
        yield return new CaseDefinition(
            "2.9",
            "Send unsolicited pong with payload. Send ping with payload. Verify pong for ping is received.",
            "Nothing in reply to own Pong, but Pong with payload echo'ed in reply to Ping." + CleanClose,
            async run =>
            {
                var ping = Bytes.Utf8("ping payload");
                run.Expect(Verdict.Ok, CaseEvent.Pong(ping));
                await run.SendAsync(new OutFrame(Opcodes.Pong, Bytes.Utf8("unsolicited pong payload"))).ConfigureAwait(false);
                await run.SendAsync(new OutFrame(Opcodes.Ping, ping)).ConfigureAwait(false);
                run.KillAfter(1);
            });
        yield return TenPings("2.10", "Send 10 Pings with payload.", 0);
        yield return TenPings("2.11", "Send 10 Pings with payload. Send out octets in octet-wise chops.", 1);
    }

    private static CaseDefinition PingPong(string id, string description, string expectation, byte[] payload, int chop) =>
        new(id, description, expectation + CleanClose, async run =>
        {
            run.Expect(Verdict.Ok, CaseEvent.Pong(payload));
            await run.SendAsync(new OutFrame(Opcodes.Ping, payload), chop).ConfigureAwait(false);
            run.KillAfter(chop > 0 ? 2 : 1);
        });

    private static CaseDefinition UnsolicitedPong(string id, string description, byte[] payload) =>
        new(id, description, "Nothing." + CleanClose, async run =>
        {
            run.Expect(Verdict.Ok);
            await run.SendAsync(new OutFrame(Opcodes.Pong, payload)).ConfigureAwait(false);
            run.CloseAfter(1);
        });

    private static CaseDefinition TenPings(string id, string description, int chop) =>
        new(id, description, "Pongs for our Pings with all the payloads. Note: This is not required by the Spec .. but we check for this behaviour anyway." + CleanClose, async run =>
        {
            var payloads = Enumerable.Range(0, 10).Select(i => Bytes.Utf8($"payload-{i}")).ToArray();
            run.Expect(Verdict.Ok, [.. payloads.Select(p => CaseEvent.Pong(p))]);
            foreach (var payload in payloads)
            {
                await run.SendAsync(new OutFrame(Opcodes.Ping, payload), chop).ConfigureAwait(false);
            }

            run.CloseAfter(3);
        });
}
