using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;
using Xunit;

namespace Moonwire.Engine.Tests.Framing;

/// <summary>The per-header checks of RFC 6455 §5.1–§5.5 and RFC 7692 §6.1.</summary>
public sealed class FrameRulesTests
{
    private static FrameHeader Header(Opcode opcode, bool fin = true, bool rsv1 = false, bool rsv2 = false, bool rsv3 = false,
        bool masked = true, long length = 0) =>
        new(fin, rsv1, rsv2, rsv3, opcode, masked, 0, length, 2);

    public static TheoryData<FrameHeader, bool, bool, WebSocketFault> Cases() => new()
    {
        { Header(Opcode.Text), true, false, WebSocketFault.None },
        { Header(Opcode.Text, masked: false), false, false, WebSocketFault.None },
        { Header(Opcode.Text, masked: false), true, false, WebSocketFault.UnmaskedClientFrame },
        { Header(Opcode.Text), false, false, WebSocketFault.MaskedServerFrame },
        { Header((Opcode)3), true, false, WebSocketFault.ReservedOpcode },
        { Header((Opcode)7), true, false, WebSocketFault.ReservedOpcode },
        { Header((Opcode)0xb), true, false, WebSocketFault.ReservedOpcode },
        { Header((Opcode)0xf), true, false, WebSocketFault.ReservedOpcode },
        { Header(Opcode.Text, rsv1: true), true, false, WebSocketFault.ReservedBitsSet },
        { Header(Opcode.Text, rsv2: true), true, true, WebSocketFault.ReservedBitsSet },
        { Header(Opcode.Text, rsv3: true), true, true, WebSocketFault.ReservedBitsSet },
        { Header(Opcode.Text, rsv1: true), true, true, WebSocketFault.None },
        { Header(Opcode.Ping, rsv1: true), true, true, WebSocketFault.CompressedControlFrame },
        { Header(Opcode.Continuation, rsv1: true), true, true, WebSocketFault.CompressedContinuation },
        { Header(Opcode.Ping, length: 125), true, false, WebSocketFault.None },
        { Header(Opcode.Ping, length: 126), true, false, WebSocketFault.ControlFrameTooLong },
        { Header(Opcode.Close, length: 126), true, false, WebSocketFault.ControlFrameTooLong },
        { Header(Opcode.Pong, fin: false), true, false, WebSocketFault.FragmentedControlFrame },
        { Header(Opcode.Text, fin: false, length: 1 << 30), true, false, WebSocketFault.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_NamesTheFault(FrameHeader header, bool isServer, bool deflateAgreed, WebSocketFault expected) =>
        Assert.Equal(expected, FrameRules.Check(header, isServer, deflateAgreed));
}
