using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>Group 3: frames with reserved bits set and no extension negotiated must fail the connection.</summary>
internal static class Group3ReservedBits
{
    private const string Fails = "The connection is failed immediately (1002/protocol error), since RSV must be 0, when no extension defining RSV meaning has been negotiated.";
    private const string EchoThenFail = "Echo for first message is received, but then connection is failed immediately, since RSV must be 0, when no extension defining RSV meaning has been negotiated. The Pong is not received.";

    public static IEnumerable<CaseDefinition> Cases()
    {
        var hello = Bytes.Utf8("Hello, world!");
        yield return BadFrames.Alone("3.1", "Send small text message with RSV = 1.", Fails, new OutFrame(Opcodes.Text, hello, Rsv: 1));
        yield return BadFrames.AfterEcho("3.2", "Send small text message, then send again with RSV = 2, then send Ping.", EchoThenFail, new OutFrame(Opcodes.Text, hello, Rsv: 2), Chops.Together);
        yield return BadFrames.AfterEcho("3.3", "Send small text message, then send again with RSV = 3, then send Ping. Octets are sent in frame-wise chops.", EchoThenFail, new OutFrame(Opcodes.Text, hello, Rsv: 3), Chops.FrameWise);
        yield return BadFrames.AfterEcho("3.4", "Send small text message, then send again with RSV = 4, then send Ping. Octets are sent in octet-wise chops.", EchoThenFail, new OutFrame(Opcodes.Text, hello, Rsv: 4), Chops.OctetWise);
        yield return BadFrames.Alone("3.5", "Send small binary message with RSV = 5.", Fails, new OutFrame(Opcodes.Binary, Bytes.SmallBinary, Rsv: 5));
        yield return BadFrames.Alone("3.6", "Send Ping with RSV = 6.", Fails, new OutFrame(Opcodes.Ping, hello, Rsv: 6));
        yield return BadFrames.Alone("3.7", "Send Close with RSV = 7.", Fails, new OutFrame(Opcodes.Close, [], Rsv: 7));
    }
}
