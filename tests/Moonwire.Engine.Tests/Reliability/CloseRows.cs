using System.Diagnostics;
using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>Reliability rows X-1..X-6: the closing handshake (RFC 6455 §5.5.1, §7), both roles.</summary>
public sealed class CloseRows
{
    private const int Timeout = 30_000;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static TheoryData<Role, int> InvalidCodes() =>
        RawSession.InBothRoles([-1, 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]);

    /// <param name="engine">The engine's role.</param>
    /// <param name="code">The close code to send; -1 sends a 1-byte close payload.</param>
    [Theory(Timeout = Timeout)]
    [MemberData(nameof(InvalidCodes))]
    public async Task X_1_CloseWithOneBytePayloadOrInvalidCode_Fails1002(Role engine, int code)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(code < 0 ? s.Frame(0x8, [0x03]) : s.Frame(0x8, [(byte)(code >> 8), (byte)code]));

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
    }

    public static TheoryData<Role, int> ValidCodes() =>
        RawSession.InBothRoles([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]);

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ValidCodes))]
    public async Task X_2_ValidCloseCode_IsEchoed_AndTheServerClosesTcpFirst(Role engine, int code)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveAsync();

        await s.Peer.SendAsync(s.Close((ushort)code, "reason"));

        Assert.Equal(code, await s.Peer.ReadCloseCodeAsync());
        var seen = await application;
        Assert.Equal((MessageKind.Close, (ushort)code, WebSocketFault.None), (seen.Kind, seen.CloseCode, seen.Fault));
        Assert.Equal(WebSocketState.Closed, s.Engine.State);
        if (engine == Role.Server)
        {
            Assert.True(await s.Peer.IsClosedByPeerAsync());
        }
        else
        {
            // Our client leaves closing TCP to the server (RFC 6455 §7.1.1).
            Assert.True(await s.Peer.IsSilentForAsync(Quiet));
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "124 ascii bytes")]
    [InlineData(Role.Client, "124 ascii bytes")]
    [InlineData(Role.Server, "124 bytes of é")]
    [InlineData(Role.Client, "lone high surrogate")]
    [InlineData(Role.Server, "lone low surrogate")]
    [InlineData(Role.Client, "lone low surrogate")]
    public async Task X_3_OurCloseWithTooLongOrNonUtf8Reason_IsRejectedBeforeSending(Role engine, string reason)
    {
        await using var s = await RawSession.OpenAsync(engine);

        await Assert.ThrowsAsync<ArgumentException>(() => s.Engine.CloseAsync(CloseCode.Normal, reason switch
        {
            "124 ascii bytes" => new string('r', 124),
            "124 bytes of é" => string.Concat(Enumerable.Repeat("é", 62)),
            "lone high surrogate" => "bye \uD83D",
            _ => "\uDE00 bye",
        }));

        Assert.Equal(WebSocketState.Open, s.Engine.State);
        // Nothing left before the pong that answers the next ping.
        var receiving = s.ReceiveAsync();
        await s.Peer.SendAsync(s.Frame(0x9, "still open?"u8));
        var reply = await s.Peer.ReadRawFrameAsync();
        Assert.Equal((0xA, "still open?"), (reply!.Opcode, Encoding.UTF8.GetString(reply.Payload)));
        Assert.Equal(MessageKind.Ping, (await receiving).Kind);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task X_4_DataPingAndSecondCloseAfterPeersClose_AreIgnored(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);

        await s.Peer.SendAsync(FramingRows.Concat(
            s.Close(CloseCode.Normal), s.Frame(0x1, "late"u8), s.Frame(0x9, "late"u8), s.Close(CloseCode.GoingAway)));

        var first = await s.ReceiveAsync();
        var again = await s.ReceiveAsync();
        Assert.Equal((MessageKind.Close, CloseCode.Normal), (first.Kind, first.CloseCode));
        Assert.Equal((MessageKind.Close, CloseCode.Normal), (again.Kind, again.CloseCode));
        Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
        await AssertNothingMoreAsync(s);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task X_4_PingAndDataAfterOurClose_AreNotAnswered(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);

        var closing = s.Engine.CloseAsync(CloseCode.Normal, "done");
        Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
        await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x9, "late"u8), s.Frame(0x1, "late"u8), s.Close(CloseCode.Normal)));
        await AssertNothingMoreAsync(s);
        if (engine == Role.Client)
        {
            // The server's turn to close TCP, which our client waits for.
            s.Peer.ShutdownSend();
        }

        await closing;
        Assert.Equal((CloseCode.Normal, WebSocketState.Closed), (s.Engine.CloseMessage?.CloseCode, s.Engine.State));
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task X_5_PeerThatNeverAnswersOurClose_IsCutOffAtTheCloseTimeout(Role engine)
    {
        var closeTimeout = TimeSpan.FromMilliseconds(500);
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { CloseTimeout = closeTimeout });
        var clock = Stopwatch.StartNew();

        await s.Engine.CloseAsync();

        Assert.True(clock.Elapsed >= closeTimeout * 0.9, $"closed after {clock.Elapsed}");
        Assert.Equal(WebSocketState.Closed, s.Engine.State);
        Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
        Assert.True(await s.Peer.IsClosedByPeerAsync());
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "we close first")]
    [InlineData(Role.Client, "we close first")]
    [InlineData(Role.Server, "peer closes first")]
    [InlineData(Role.Client, "peer closes first")]
    public async Task X_5_PeerThatNeverClosesTcp_IsCutOff_ServerAtOnce_ClientAtTheCloseTimeout(Role engine, string who)
    {
        // Long enough that "at once" and "after the timeout" cannot be confused on a loaded machine.
        var closeTimeout = TimeSpan.FromSeconds(engine == Role.Server ? 20 : 1);
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { CloseTimeout = closeTimeout });
        var clock = Stopwatch.StartNew();

        if (who == "we close first")
        {
            var closing = s.Engine.CloseAsync();
            Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
            await s.Peer.SendAsync(s.Close(CloseCode.Normal));
            await closing;
        }
        else
        {
            var receiving = s.ReceiveAsync();
            await s.Peer.SendAsync(s.Close(CloseCode.Normal));
            Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
            Assert.Equal(MessageKind.Close, (await receiving).Kind);
        }

        Assert.True(await s.Peer.IsClosedByPeerAsync());
        if (engine == Role.Server)
        {
            Assert.True(clock.Elapsed < closeTimeout / 2, $"closed after {clock.Elapsed}");
        }
        else
        {
            Assert.True(clock.Elapsed >= closeTimeout * 0.9, $"closed after {clock.Elapsed}");
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task X_6_CloseInsideAFragmentedMessage_IsEchoedCleanly_AndThePartialMessageDropped(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x1, "half a "u8, fin: false), s.Close(CloseCode.Normal)));

        Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
        var seen = Assert.Single(await application);
        Assert.Equal((MessageKind.Close, CloseCode.Normal, WebSocketFault.None), (seen.Kind, seen.CloseCode, seen.Fault));
    }

    /// <summary>No frame follows: the server closes TCP, the client stays silent until the server does.</summary>
    private static async Task AssertNothingMoreAsync(RawSession s)
    {
        if (s.EngineRole == Role.Server)
        {
            Assert.Empty(await s.Peer.ReadToEndAsync());
        }
        else
        {
            Assert.True(await s.Peer.IsSilentForAsync(Quiet));
        }
    }
}
