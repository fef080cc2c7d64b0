using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>The two shapes of "the testee must fail the connection" cases in groups 3 to 5.</summary>
internal static class BadFrames
{
    /// <summary>Only bad frames: nothing may come back, and the testee fails the connection with 1002.</summary>
    public static CaseDefinition Alone(string id, string description, string expectation, params OutFrame[] frames) =>
        Sequence(id, description, expectation, Chops.Together, frames);

    public static CaseDefinition Sequence(string id, string description, string expectation, Chops chops, params OutFrame[] frames) =>
        new(id, description, expectation, async run =>
        {
            run.Expect(Verdict.Ok);
            run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.ProtocolError);
            await run.SendAsync(chops, frames).ConfigureAwait(false);
            run.KillAfter(1);
        });

    /// <summary>
    /// A valid text message, the bad frame, then a ping: the message is echoed, the ping never answered.
    /// Losing the echo too (the whole write rejected at once) is Non-Strict.
    /// </summary>
    public static CaseDefinition AfterEcho(string id, string description, string expectation, OutFrame bad, Chops chops)
    {
        var hello = Bytes.Utf8("Hello, world!");
        return new(id, description, expectation, async run =>
        {
            run.Expect(Verdict.Ok, CaseEvent.Message(hello, binary: false));
            run.Expect(Verdict.NonStrict);
            run.ExpectedClose = ExpectedClose.FailedByPeer(ExpectedClose.ProtocolError);
            await run.SendAsync(chops, new OutFrame(Opcodes.Text, hello), bad, new OutFrame(Opcodes.Ping, [])).ConfigureAwait(false);
            run.KillAfter(1);
        });
    }
}
