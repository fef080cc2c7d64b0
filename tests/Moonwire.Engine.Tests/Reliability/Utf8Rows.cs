using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>Reliability rows U-1..U-5: text must be UTF-8 as a whole, checked as bytes arrive (RFC 6455 §5.6, §8.1).</summary>
public sealed class Utf8Rows
{
    private const int Timeout = 30_000;

    public static TheoryData<Role, string> InvalidSequences()
    {
        // Markus Kuhn's decoder stress list, by kind (Autobahn 6.3, 6.5-6.23).
        string[] sequences =
        [
            "C0AF", "E080AF", "F08080AF", // overlong '/'
            "C1BF", "E09FBF", // overlong maximum
            "EDA080", "EDBFBF", "EDA080EDB080", // UTF-16 surrogates, alone and paired
            "F4908080", "F7BFBFBF", // above U+10FFFF
            "80", "BF", "61806162", // stray continuation bytes
            "F888808080", "FC8480808080", "FE", "FF", // 5- and 6-byte forms, bytes never used
            "CE", "E282", "F09F98", // sequence cut short at the end of the message
            "CEBAE1BDB9CF83CEBCCEB5EDA080656469746564", // Autobahn 6.3.1: "κόσμε" + a surrogate + "edited"
        ];
        return RawSession.InBothRoles(sequences);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(InvalidSequences))]
    public async Task U_1_InvalidUtf8InOneTextFrame_Fails1007(Role engine, string hex)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(s.Frame(0x1, Convert.FromHexString(hex)));

        await s.AssertFailedWithAsync(CloseCode.InvalidPayload, application);
        Assert.Equal(WebSocketFault.InvalidUtf8, (await application)[^1].Fault);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task U_2_CodePointSplitAcrossFrames_OrAcrossReads_IsAccepted(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var text = Encoding.UTF8.GetBytes("é€😀");

        // Every split point, including those inside a 2-, 3- and 4-byte sequence.
        for (var split = 0; split <= text.Length; split++)
        {
            await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x1, text.AsSpan(0, split), fin: false), s.Frame(0x0, text.AsSpan(split))));
            Assert.Equal(text, (await s.ReceiveAsync()).Payload);
        }

        // One frame, one byte per TCP segment.
        var receiving = s.ReceiveAsync();
        await s.Peer.SendTrickleAsync(s.Frame(0x1, text));
        var trickled = await receiving;
        Assert.Equal(MessageKind.Text, trickled.Kind);
        Assert.Equal(text, trickled.Payload);
        Assert.Equal(WebSocketState.Open, s.Engine.State);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "across fragments")]
    [InlineData(Role.Client, "across fragments")]
    [InlineData(Role.Server, "inside a frame")]
    [InlineData(Role.Client, "inside a frame")]
    public async Task U_3_InvalidSequence_FailsAtItsFirstBadByte_BeforeTheRestArrives(Role engine, string where)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();
        var valid = Encoding.UTF8.GetBytes("κόσμε");
        byte[] invalid = [0xF4, 0x90, 0x80, 0x80];

        if (where == "across fragments")
        {
            // Autobahn 6.4.1: fragment 3 ("edited") is never sent; fragment 2 alone must be enough.
            await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x1, valid, fin: false), s.Frame(0x0, invalid, fin: false)));
        }
        else
        {
            // One frame announcing 100 bytes, of which only the valid prefix and the bad bytes are sent.
            var frame = RawFrame.Build(0x1, [.. valid, .. invalid, .. new byte[100 - valid.Length - invalid.Length]], mask: s.PeerMasks);
            await s.Peer.SendAsync(frame[..(frame.Length - 100 + valid.Length + invalid.Length)]);
        }

        await s.AssertFailedWithAsync(CloseCode.InvalidPayload, application);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "EFBFBE")] // U+FFFE
    [InlineData(Role.Client, "EFBFBE")]
    [InlineData(Role.Server, "EFBFBF")] // U+FFFF
    [InlineData(Role.Client, "EFBFBF")]
    [InlineData(Role.Server, "F09FBFBEF09FBFBF")] // U+1FFFE, U+1FFFF
    [InlineData(Role.Client, "F09FBFBEF09FBFBF")]
    [InlineData(Role.Server, "F48FBFBE")] // U+10FFFE
    [InlineData(Role.Client, "F48FBFBF")] // U+10FFFF
    [InlineData(Role.Server, "EFB790EFB7AF")] // U+FDD0, U+FDEF
    [InlineData(Role.Client, "EFBFBD")] // U+FFFD
    public async Task U_4_NonCharactersAndReplacementCharacter_AreAccepted(Role engine, string hex)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var text = Convert.FromHexString(hex);

        await s.Peer.SendAsync(s.Frame(0x1, text));

        var seen = await s.ReceiveAsync();
        Assert.Equal(MessageKind.Text, seen.Kind);
        Assert.Equal(text, seen.Payload);
        Assert.Equal(WebSocketState.Open, s.Engine.State);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "C0AF")]
    [InlineData(Role.Client, "C0AF")]
    [InlineData(Role.Server, "CEBAE1BDB9CF83CEBCCEB5EDA080")]
    [InlineData(Role.Client, "E282")]
    public async Task U_5_InvalidUtf8InCloseReason_Fails1007(Role engine, string hex)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(s.Frame(0x8, [0x03, 0xE8, .. Convert.FromHexString(hex)]));

        await s.AssertFailedWithAsync(CloseCode.InvalidPayload, application);
        Assert.Equal(WebSocketFault.InvalidCloseReason, (await application)[^1].Fault);
    }
}
