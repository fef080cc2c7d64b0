using System.Globalization;
using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Group 6: valid text echoed however it is fragmented; invalid text fails the connection with 1007,
/// ideally at the first bad octet (6.4, fail-fast: detecting it only at the message's end is Non-Strict).
/// </summary>
internal static class Group6Utf8
{
    private const string FailsUtf8 = "The connection is failed immediately, since the payload is not valid UTF-8.";
    private const string FailFastExpectation = "The first frame is accepted, we expect to timeout on the first wait. The 2nd frame should be rejected immediately (fail fast on UTF-8). If we timeout, we expect the connection is failed at least then, since the complete message payload is not valid UTF-8.";

    public static IEnumerable<CaseDefinition> Cases()
    {
        yield return Fragments("6.1.1", "Send text message of length 0.", [[]]);
        yield return Fragments("6.1.2", "Send fragmented text message, 3 fragments each of length 0.", [[], [], []]);
        yield return Fragments("6.1.3", "Send fragmented text message, 3 fragments, first and last of length 0, middle non-empty.", [[], Bytes.Utf8("middle frame payload"), []]);
        var hello = Bytes.Utf8("Hello-µ@ßöäüàá-UTF-8!!");
        yield return Fragments("6.2.1", "Send a valid UTF-8 text message in one fragment.", [hello]);
        yield return Fragments("6.2.2", "Send a valid UTF-8 text message in two fragments, fragmented on UTF-8 code point boundary.", [Bytes.Utf8("Hello-µ@ßöä"), Bytes.Utf8("üàá-UTF-8!!")]);
        yield return Fragments("6.2.3", "Send a valid UTF-8 text message in fragments of 1 octet, resulting in frames ending on positions which are not code point ends.", [.. hello.Select(b => new[] { b })]);
        yield return Fragments("6.2.4", "Send a valid UTF-8 text message in fragments of 1 octet, resulting in frames ending on positions which are not code point ends.", [.. Utf8Sequences.Kosme.Select(b => new[] { b })]);
        byte[] invalid = [.. Utf8Sequences.Kosme, 0xED, 0xA0, 0x80, .. "edited"u8];
        yield return Fragments("6.3.1", "Send invalid UTF-8 text message unfragmented.", [invalid]);
        yield return Fragments("6.3.2", "Send invalid UTF-8 text message in fragments of 1 octet, resulting in frames ending on positions which are not code point ends.", [.. invalid.Select(b => new[] { b })]);
        byte[] outOfRange = [0xF4, 0x90, 0x80, 0x80];
        yield return FailFast("6.4.1", "Send invalid UTF-8 text message in 3 fragments (frames). First frame payload is valid, then wait, then 2nd frame which contains the payload making the sequence invalid, then wait, then 3rd frame with rest. Note that PART1 and PART3 are valid UTF-8 in themselves, PART2 is a 0x110000 encoded as in the UTF-8 integer encoding scheme, but the codepoint is invalid (out of range).",
            Utf8Sequences.Kosme, outOfRange, "edited"u8.ToArray(), frames: true);
        yield return FailFast("6.4.2", "Send invalid UTF-8 text message in 3 fragments (frames). First frame payload is valid, then wait, then 2nd frame which contains the payload making the sequence invalid, then wait, then 3rd frame with rest. Note that PART1 and PART3 are valid UTF-8 in themselves, PART2 is a 0x110000 encoded as in the UTF-8 integer encoding scheme, but the codepoint is invalid (out of range).",
            [.. Utf8Sequences.Kosme, 0xF4], [0x90], [0x80, 0x80, .. "edited"u8], frames: true);
        yield return FailFast("6.4.3", "Send invalid UTF-8 text message in 3 chops of the same frame (not fragmented). First chop payload is valid, then wait, then 2nd chop which contains the payload making the sequence invalid, then wait, then 3rd chop with rest. Note that PART1 and PART3 are valid UTF-8 in themselves, PART2 is a 0x110000 encoded as in the UTF-8 integer encoding scheme, but the codepoint is invalid (out of range).",
            Utf8Sequences.Kosme, outOfRange, "edited"u8.ToArray(), frames: false);
        yield return FailFast("6.4.4", "Send invalid UTF-8 text message in 3 chops of the same frame (not fragmented). First chop payload is valid, then wait, then 2nd chop which contains the payload making the sequence invalid, then wait, then 3rd chop with rest. Note that PART1 and PART3 are valid UTF-8 in themselves, PART2 is a 0x110000 encoded as in the UTF-8 integer encoding scheme, but the codepoint is invalid (out of range).",
            [.. Utf8Sequences.Kosme, 0xF4], [0x90], [0x80, 0x80, .. "edited"u8], frames: false);

        var sub = 5;
        foreach (var (_, sequences) in Utf8Sequences.Groups)
        {
            var n = 1;
            foreach (var (valid, octets) in sequences)
            {
                yield return Fragments(
                    string.Create(CultureInfo.InvariantCulture, $"6.{sub}.{n++}"),
                    $"Send a text message with payload which is {(valid ? "" : "not ")}valid UTF-8 in one fragment. Payload: 0x{Convert.ToHexString(octets).ToLowerInvariant()}",
                    [octets],
                    killAfter: 0.5);
            }

            sub++;
        }
    }

    /// <summary>A text message in the given fragments: echoed when valid UTF-8 as a whole, else failed with 1007.</summary>
    private static CaseDefinition Fragments(string id, string description, byte[][] fragments, double killAfter = 1)
    {
        byte[] whole = [.. fragments.SelectMany(f => f)];
        var valid = System.Text.Unicode.Utf8.IsValid(whole);
        var expectation = valid ? "The message is echo'ed back to us." : FailsUtf8;
        return new CaseDefinition(id, description, expectation, async run =>
        {
            if (valid)
            {
                run.Expect(Verdict.Ok, CaseEvent.Message(whole, binary: false));
            }
            else
            {
                run.Expect(Verdict.Ok);
                run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.InvalidPayload);
            }

            var frames = fragments.Select((f, i) => new OutFrame(i == 0 ? Opcodes.Text : Opcodes.Continuation, f, Fin: i == fragments.Length - 1)).ToArray();
            await run.SendAsync(fragments.Length > 3 ? Chops.FrameWise : Chops.Together, frames).ConfigureAwait(false);
            run.KillAfter(killAfter);
        });
    }

    /// <summary>
    /// Three parts with a one-second wait after the first and the second, as frames or as chops of one
    /// frame. Still open after the second wait: the testee did not fail fast (Non-Strict).
    /// </summary>
    private static CaseDefinition FailFast(string id, string description, byte[] part1, byte[] part2, byte[] part3, bool frames) =>
        new(id, description, FailFastExpectation, async run =>
        {
            run.Expect(Verdict.Ok, CaseEvent.Timeout("A"));
            run.Expect(Verdict.NonStrict, CaseEvent.Timeout("A"), CaseEvent.Timeout("B"));
            run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.InvalidPayload);
            var chops = frames ? null : Chop(run, [.. part1, .. part2, .. part3], part1.Length, part2.Length);
            await Part(0, Opcodes.Text, part1, fin: false).ConfigureAwait(false);
            await run.DelayAsync(1).ConfigureAwait(false);
            if (!run.MarkTimeout("A"))
            {
                return;
            }

            await Part(1, Opcodes.Continuation, part2, fin: false).ConfigureAwait(false);
            await run.DelayAsync(1).ConfigureAwait(false);
            if (!run.MarkTimeout("B"))
            {
                return;
            }

            await Part(2, Opcodes.Continuation, part3, fin: true).ConfigureAwait(false);
            run.KillAfter(1);

            Task Part(int index, int opcode, byte[] payload, bool fin) => chops is null
                ? run.SendAsync(new OutFrame(opcode, payload, fin), raw: true)
                : run.Connection.SendOctetsAsync(chops[index], $"chop {index + 1} of one TEXT frame");
        });

    /// <summary>One encoded frame cut where the parts meet: header and part 1, part 2, part 3.</summary>
    private static byte[][] Chop(CaseRun run, byte[] payload, int first, int second)
    {
        var frame = FrameEncoder.Encode(Opcodes.Text, payload, fin: true, rsv: 0, mask: !run.IsServer);
        var header = frame.Length - payload.Length;
        return [frame[..(header + first)], frame[(header + first)..(header + first + second)], frame[(header + first + second)..]];
    }
}
