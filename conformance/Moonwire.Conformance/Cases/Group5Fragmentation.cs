using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Group 5: fragmented messages echoed whole whatever the TCP chopping, pings answered between
/// fragments, and fragmented control frames or continuations with nothing to continue rejected.
/// </summary>
internal static class Group5Fragmentation
{
    private const string NothingToContinue = "The connection is failed immediately, since there is no message to continue.";
    private static readonly string[] ChopNames = ["", " Octets are sent in frame-wise chops.", " Octets are sent in octet-wise chops."];
    private static readonly string[] OneChopNames = [" sent in one chop", " sent in per-frame chops", " sent in octet-wise chops"];

    public static IEnumerable<CaseDefinition> Cases()
    {
        yield return BadFrames.Alone("5.1", "Send Ping fragmented into 2 fragments.", "Connection is failed immediately, since control message MUST NOT be fragmented.",
            new OutFrame(Opcodes.Ping, Bytes.Utf8("fragment1"), Fin: false), new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment2")));
        yield return BadFrames.Alone("5.2", "Send Pong fragmented into 2 fragments.", "Connection is failed immediately, since control message MUST NOT be fragmented.",
            new OutFrame(Opcodes.Pong, Bytes.Utf8("fragment1"), Fin: false), new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment2")));
        for (var i = 0; i < 3; i++)
        {
            yield return TwoFragments($"5.{3 + i}", withPing: false, (Chops)i, ChopNames[i]);
        }

        for (var i = 0; i < 3; i++)
        {
            yield return TwoFragments($"5.{6 + i}", withPing: true, (Chops)i, ChopNames[i]);
        }

        for (var i = 0; i < 3; i++)
        {
            yield return BadFrames.Sequence($"5.{9 + i}", $"Send unfragmented Text Message after Continuation Frame with FIN = true, where there is nothing to continue,{OneChopNames[i]}.", NothingToContinue, (Chops)i,
                new OutFrame(Opcodes.Continuation, Bytes.Utf8("non-continuation payload")), new OutFrame(Opcodes.Text, Bytes.Utf8("Hello, world!")));
        }

        for (var i = 0; i < 3; i++)
        {
            yield return BadFrames.Sequence($"5.{12 + i}", $"Send unfragmented Text Message after Continuation Frame with FIN = false, where there is nothing to continue,{OneChopNames[i]}.", NothingToContinue, (Chops)i,
                new OutFrame(Opcodes.Continuation, Bytes.Utf8("non-continuation payload"), Fin: false), new OutFrame(Opcodes.Text, Bytes.Utf8("Hello, world!")));
        }

        yield return new CaseDefinition(
            "5.15",
            "Send text Message fragmented into 2 fragments, then Continuation Frame with FIN = false where there is nothing to continue, then unfragmented Text Message, all sent in one chop.",
            "The connection is failed immediately, since there is no message to continue.",
            async run =>
            {
                run.Expect(Verdict.Ok, CaseEvent.Text("fragment1fragment2"));
                run.Expect(Verdict.NonStrict);
                run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.ProtocolError);
                await run.SendAsync(Chops.Together,
                    new OutFrame(Opcodes.Text, Bytes.Utf8("fragment1"), Fin: false),
                    new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment2")),
                    new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment3"), Fin: false),
                    new OutFrame(Opcodes.Text, Bytes.Utf8("fragment4"))).ConfigureAwait(false);
                run.KillAfter(1);
            });
        foreach (var (id, fin) in new[] { ("5.16", false), ("5.17", true) })
        {
            var frames = new[]
            {
                new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment1"), Fin: fin),
                new OutFrame(Opcodes.Text, Bytes.Utf8("fragment2"), Fin: false),
                new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment3")),
            };
            yield return BadFrames.Alone(id, $"Repeated 2x: Continuation Frame with FIN = {(fin ? "true" : "false")} (where there is nothing to continue), then text Message fragment, then Continuation Frame with FIN = true.", NothingToContinue, [.. frames, .. frames]);
        }

        yield return BadFrames.Alone("5.18", "Send text Message fragmented into 2 fragments, with both frame opcodes set to text, sent in one chop.", "The connection is failed immediately, since all data frames after the initial data frame must have opcode 0.",
            new OutFrame(Opcodes.Text, Bytes.Utf8("fragment1"), Fin: false), new OutFrame(Opcodes.Text, Bytes.Utf8("fragment2")));
        yield return PingsBetweenFragments("5.19", Chops.Together);
        yield return PingsBetweenFragments("5.20", Chops.FrameWise);
    }

    private static CaseDefinition TwoFragments(string id, bool withPing, Chops chops, string chopName) => new(
        id,
        $"Send text Message fragmented into 2 fragments{(withPing ? ", one ping with payload in-between" : "")}.{chopName}",
        withPing ? "A pong is received, then the message is echo'ed back to us." : "Message is processed and echo'ed back to us.",
        async run =>
        {
            var ping = Bytes.Utf8("ping payload");
            run.Expect(Verdict.Ok, withPing ? [CaseEvent.Pong(ping), CaseEvent.Text("fragment1fragment2")] : [CaseEvent.Text("fragment1fragment2")]);
            OutFrame[] frames = withPing
                ? [new(Opcodes.Text, Bytes.Utf8("fragment1"), Fin: false), new(Opcodes.Ping, ping), new(Opcodes.Continuation, Bytes.Utf8("fragment2"))]
                : [new(Opcodes.Text, Bytes.Utf8("fragment1"), Fin: false), new(Opcodes.Continuation, Bytes.Utf8("fragment2"))];
            await run.SendAsync(chops, frames).ConfigureAwait(false);
            run.KillAfter(1);
        });

    private static CaseDefinition PingsBetweenFragments(string id, Chops chops) => new(
        id,
        $"A fragmented text message is sent in multiple frames. After sending the first 2 frames of the text message, a Ping is sent. Then we wait 1s, then we send 2 more text fragments, another Ping and then the final text fragment. Everything is legal.{(chops == Chops.FrameWise ? " Frames are sent one by one." : "")}",
        "The peer immediately answers the first Ping before it has received the last text message fragment. The peer pong's back the Ping's payload exactly, and echo's the payload of the fragmented message back to us.",
        async run =>
        {
            var fragments = Enumerable.Range(1, 5).Select(i => Bytes.Utf8($"fragment{i}")).ToArray();
            var pings = new[] { Bytes.Utf8("pongme 1!"), Bytes.Utf8("pongme 2!") };
            run.Expect(Verdict.Ok, CaseEvent.Pong(pings[0]), CaseEvent.Pong(pings[1]), CaseEvent.Text("fragment1fragment2fragment3fragment4fragment5"));
            await run.SendAsync(chops,
                new OutFrame(Opcodes.Text, fragments[0], Fin: false),
                new OutFrame(Opcodes.Continuation, fragments[1], Fin: false),
                new OutFrame(Opcodes.Ping, pings[0])).ConfigureAwait(false);
            await run.DelayAsync(1).ConfigureAwait(false);
            await run.SendAsync(chops,
                new OutFrame(Opcodes.Continuation, fragments[2], Fin: false),
                new OutFrame(Opcodes.Continuation, fragments[3], Fin: false),
                new OutFrame(Opcodes.Ping, pings[1]),
                new OutFrame(Opcodes.Continuation, fragments[4])).ConfigureAwait(false);
            run.CloseAfter(1);
        });
}
