using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Group 7: the closing handshake started by the fuzzer — nothing is answered after a close, close
/// payloads of length 1 or over 125, invalid UTF-8 reasons and invalid codes fail with 1002 (or 1007).
/// </summary>
internal static class Group7Close
{
    private static readonly int[] ValidCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
    private static readonly int[] InvalidCodes = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];

    public static IEnumerable<CaseDefinition> Cases()
    {
        var hello = Bytes.Utf8("Hello World!");
        yield return AfterClose("7.1.1", "Send a message followed by a close frame", "Echoed message followed by clean close with normal code.", [CaseEvent.Message(hello, false)],
            new OutFrame(Opcodes.Text, hello), Close(1000));
        yield return AfterClose("7.1.2", "Send two close frames", "Clean close with normal code. Second close frame ignored.", [],
            Close(1000), Close(1000));
        yield return AfterClose("7.1.3", "Send a ping after close message", "Clean close with normal code, no pong.", [],
            Close(1000), new OutFrame(Opcodes.Ping, []));
        yield return AfterClose("7.1.4", "Send text message after sending a close frame.", "Clean close with normal code. Text message ignored.", [],
            Close(1000), new OutFrame(Opcodes.Text, hello));
        yield return AfterClose("7.1.5", "Send message fragment1 followed by close then fragment", "Clean close with normal code.", [],
            new OutFrame(Opcodes.Text, Bytes.Utf8("fragment1"), Fin: false), Close(1000), new OutFrame(Opcodes.Continuation, Bytes.Utf8("fragment2")));
        yield return new CaseDefinition(
            "7.1.6",
            "Send 256K message followed by close then a ping",
            "Case outcome depends on implementation defined close behavior. Message and close frame are sent back to back. If the close frame is processed before the text message write is complete (as can happen in asynchronous processing models) the close frame is processed first and the text message may not be received or may only be partially received.",
            async run =>
            {
                var big = Bytes.Fill("BAsd7&jh23", 256 * 1024);
                run.Informational = true;
                run.SuppressClose = true;
                run.Expect(Verdict.Ok, CaseEvent.Message(big, false), CaseEvent.Message(hello, false));
                run.Expect(Verdict.NonStrict);
                await run.Connection.SendAsync([new OutFrame(Opcodes.Text, big), new OutFrame(Opcodes.Text, hello), Close(1000), new OutFrame(Opcodes.Ping, [])]).ConfigureAwait(false);
                run.KillAfter(1);
            });

        yield return CloseWith("7.3.1", "Send a close frame with payload length 0 (no close code, no close reason)", "Clean close with normal code.", [], ExpectedClose.CleanNormal);
        yield return CloseWith("7.3.2", "Send a close frame with payload length 1", "Clean close with protocol error or drop TCP.", "a"u8.ToArray(), ProtocolErrorOrDrop);
        yield return CloseWith("7.3.3", "Send a close frame with payload length 2 (regular close with a code)", "Clean close with normal code.", Payload(1000, ""), ExpectedClose.CleanNormal);
        yield return CloseWith("7.3.4", "Send a close frame with close code and close reason", "Clean close with normal code.", Payload(1000, "Hello World!"), ExpectedClose.CleanNormal);
        yield return CloseWith("7.3.5", "Send a close frame with close code and close reason of maximum length (123)", "Clean close with normal code.", Payload(1000, new string('*', 123)), ExpectedClose.CleanNormal);
        yield return CloseWith("7.3.6", "Send a close frame with close code and close reason which is too long (124) - total frame payload 126 octets", "Clean close with protocol error code or dropped TCP connection.", Payload(1000, new string('*', 124)), ProtocolErrorOrDrop);
        yield return CloseWith("7.5.1", "Send a close frame with invalid UTF8 payload", "Clean close with protocol error or invalid utf8 code or dropped TCP.",
            CaseConnection.ClosePayload(1000, [.. Utf8Sequences.Kosme, 0xED, 0xA0, 0x80, .. "edited"u8]), new ExpectedClose(true, [ExpectedClose.ProtocolError, ExpectedClose.InvalidPayload], false));

        var n = 1;
        foreach (var code in ValidCodes)
        {
            yield return CloseWith($"7.7.{n++}", $"Send close with valid close code {code}", "Clean close with normal or echoed code", Payload(code, ""), new ExpectedClose(true, [ExpectedClose.Normal, code], true));
        }

        n = 1;
        foreach (var code in InvalidCodes)
        {
            yield return CloseWith($"7.9.{n++}", $"Send close with invalid close code {code}", "Clean close with protocol error code or drop TCP", Payload(code, ""), ProtocolErrorOrDrop);
        }

        n = 1;
        foreach (var code in new[] { 5000, 65535 })
        {
            yield return new CaseDefinition($"7.13.{n++}", $"Send close with close code {code}", "Actual events are undefined by the spec.", async run =>
            {
                run.Informational = true;
                run.SuppressClose = true;
                run.Expect(Verdict.Ok);
                run.ExpectedClose = new ExpectedClose(true, [ExpectedClose.Normal, code, ExpectedClose.ProtocolError], false);
                await run.SendAsync(new OutFrame(Opcodes.Close, Payload(code, ""))).ConfigureAwait(false);
                run.KillAfter(1);
            });
        }
    }

    private static ExpectedClose ProtocolErrorOrDrop { get; } = new(true, [ExpectedClose.ProtocolError], false);

    private static byte[] Payload(int code, string reason) => CaseConnection.ClosePayload(code, Bytes.Utf8(reason));

    private static OutFrame Close(int code) => new(Opcodes.Close, Payload(code, ""));

    /// <summary>Frames sent together, the first close starting the handshake; nothing after it may be answered.</summary>
    private static CaseDefinition AfterClose(string id, string description, string expectation, CaseEvent[] expected, params OutFrame[] frames) =>
        new(id, description, expectation, async run =>
        {
            run.SuppressClose = true;
            run.Expect(Verdict.Ok, expected);
            await run.Connection.SendAsync(frames).ConfigureAwait(false);
            run.KillAfter(1);
        });

    /// <summary>One close frame with this payload; a code the testee did not expect fails the behaviour too.</summary>
    private static CaseDefinition CloseWith(string id, string description, string expectation, byte[] payload, ExpectedClose close) =>
        new(id, description, expectation, async run =>
        {
            run.SuppressClose = true;
            run.Expect(Verdict.Ok);
            run.ExpectedClose = close;
            await run.SendAsync(new OutFrame(Opcodes.Close, payload)).ConfigureAwait(false);
            run.KillAfter(1);
        });
}
