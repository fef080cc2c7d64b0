using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;
using Xunit;

namespace Moonwire.Engine.Tests.Framing;

/// <summary>Close bodies (RFC 6455 §5.5.1, §7.4).</summary>
public sealed class ClosePayloadTests
{
    [Theory]
    [InlineData(999, WebSocketFault.InvalidCloseCode)]
    [InlineData(1000, WebSocketFault.None)]
    [InlineData(1003, WebSocketFault.None)]
    [InlineData(1004, WebSocketFault.InvalidCloseCode)]
    [InlineData(1005, WebSocketFault.InvalidCloseCode)]
    [InlineData(1006, WebSocketFault.InvalidCloseCode)]
    [InlineData(1007, WebSocketFault.None)]
    [InlineData(1014, WebSocketFault.None)]
    [InlineData(1015, WebSocketFault.InvalidCloseCode)]
    [InlineData(1016, WebSocketFault.InvalidCloseCode)]
    [InlineData(2999, WebSocketFault.InvalidCloseCode)]
    [InlineData(3000, WebSocketFault.None)]
    [InlineData(4999, WebSocketFault.None)]
    [InlineData(5000, WebSocketFault.InvalidCloseCode)]
    [InlineData(65535, WebSocketFault.InvalidCloseCode)]
    public void Section7_4_Codes(int code, WebSocketFault expected) =>
        Assert.Equal(expected, ClosePayload.TryParse([(byte)(code >> 8), (byte)code], out _, out _));

    [Fact]
    public void EmptyBody_MeansNoStatus()
    {
        Assert.Equal(WebSocketFault.None, ClosePayload.TryParse([], out var code, out var reason));
        Assert.Equal((CloseCode.NoStatus, 0), (code, reason.Length));
    }

    [Fact]
    public void OneByteBody_IsAFault() =>
        Assert.Equal(WebSocketFault.ClosePayloadLengthOne, ClosePayload.TryParse([0x03], out _, out _));

    [Fact]
    public void InvalidUtf8Reason_IsAFault() =>
        Assert.Equal(WebSocketFault.InvalidCloseReason, ClosePayload.TryParse([0x03, 0xe8, 0xce, 0xba, 0xe1, 0xbd], out _, out _));

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var buffer = new byte[2 + ClosePayload.MaxReasonBytes];
        var length = ClosePayload.Write(buffer, 4001, "bye ✓"u8);

        Assert.Equal(WebSocketFault.None, ClosePayload.TryParse(buffer.AsSpan(0, length), out var code, out var reason));
        Assert.Equal(4001, code);
        Assert.Equal("bye ✓"u8.ToArray(), reason.ToArray());
    }

    [Fact]
    public void Write_RefusesWhatAPeerWouldReject()
    {
        var buffer = new byte[200];
        Assert.Throws<ArgumentException>(() => ClosePayload.Write(buffer, 1005, []));
        Assert.Throws<ArgumentException>(() => ClosePayload.Write(buffer, 1000, new byte[124]));
        Assert.Throws<ArgumentException>(() => ClosePayload.Write(buffer, 1000, [0xff]));
    }
}
