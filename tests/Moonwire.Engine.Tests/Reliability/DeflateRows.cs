using System.IO.Compression;
using System.Text;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows C-2..C-7: permessage-deflate (RFC 7692) against a raw peer that compresses with .NET's
/// DeflateStream, independent of the engine's codec. Row C-1 (bombs) is in <see cref="DeflateBombRows"/>.
/// </summary>
public sealed class DeflateRows
{
    private const int Timeout = 30_000;

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, 0)]
    [InlineData(Role.Client, 0)]
    [InlineData(Role.Server, 1)]
    [InlineData(Role.Client, 1)]
    [InlineData(Role.Server, 2)]
    [InlineData(Role.Client, 2)]
    public async Task C_2_InflatedSizeAtLimit_IsAccepted_OnePastIt_Is1009_NeverTruncated(Role engine, int overLimit)
    {
        const int limit = 4000;
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { MaxMessageBytes = limit }, new PerMessageDeflateOptions());
        var application = s.ReceiveUntilClosedAsync();
        var payload = Payloads.Of(limit + overLimit, text: true);

        await s.Peer.SendAsync(s.Frame(0x1, Deflate(payload), rsv: 4));

        if (overLimit == 0)
        {
            await s.Peer.SendAsync(s.Close(CloseCode.Normal));
            var seen = await application;
            Assert.Equal(payload, seen[0].Payload);
            Assert.Equal(CloseCode.Normal, seen[^1].CloseCode);
        }
        else
        {
            await s.AssertFailedWithAsync(CloseCode.MessageTooBig, application);
            Assert.Single(await application);
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "continuation")]
    [InlineData(Role.Client, "continuation")]
    [InlineData(Role.Server, "ping")]
    [InlineData(Role.Client, "ping")]
    [InlineData(Role.Server, "close")]
    [InlineData(Role.Client, "close")]
    [InlineData(Role.Server, "not negotiated")]
    [InlineData(Role.Client, "not negotiated")]
    public async Task C_3_Rsv1OnContinuationOrControlFrame_OrWithoutDeflate_Fails1002(Role engine, string where)
    {
        var negotiated = where != "not negotiated";
        await using var s = await RawSession.OpenAsync(engine, deflate: negotiated ? new PerMessageDeflateOptions() : null);
        var application = s.ReceiveUntilClosedAsync();
        var half = Deflate("compressed, in two frames"u8);

        await s.Peer.SendAsync(where switch
        {
            "continuation" => FramingRows.Concat(s.Frame(0x1, half.AsSpan(0, 4), fin: false, rsv: 4), s.Frame(0x0, half.AsSpan(4), rsv: 4)),
            "ping" => s.Frame(0x9, "p"u8, rsv: 4),
            "close" => s.Frame(0x8, [0x03, 0xE8], rsv: 4),
            _ => s.Frame(0x1, half, rsv: 4),
        });

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
        Assert.Equal(
            where switch
            {
                "continuation" => WebSocketFault.CompressedContinuation,
                "not negotiated" => WebSocketFault.ReservedBitsSet,
                _ => WebSocketFault.CompressedControlFrame,
            },
            (await application)[^1].Fault);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "07")] // BTYPE 11: a reserved block type
    [InlineData(Role.Client, "07")]
    [InlineData(Role.Server, "0005000000")] // a stored block whose LEN and NLEN disagree
    [InlineData(Role.Client, "0005000000")]
    [InlineData(Role.Server, "0300")] // an empty final block, then more data in the same message
    [InlineData(Role.Client, "0300")]
    public async Task C_4_CorruptDeflateStream_Fails1007_WithoutAnException(Role engine, string hex)
    {
        await using var s = await RawSession.OpenAsync(engine, deflate: new PerMessageDeflateOptions());
        var application = s.ReceiveUntilClosedAsync();
        var data = Convert.FromHexString(hex);
        if (hex == "0300")
        {
            data = [.. data, .. Deflate("after the end"u8)];
        }

        await s.Peer.SendAsync(s.Frame(0x2, data, rsv: 4));

        await s.AssertFailedWithAsync(CloseCode.InvalidPayload, application);
        Assert.Equal(WebSocketFault.CorruptDeflateStream, (await application)[^1].Fault);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task C_4_DataEndingInsideABlock_Fails1007_NotAShorterMessage(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine, deflate: new PerMessageDeflateOptions());
        var application = s.ReceiveUntilClosedAsync();
        var random = new Random(4);
        var text = Enumerable.Range(0, 3000).Select(_ => (byte)random.Next('a', 'h')).ToArray();

        // The last bytes of a Huffman-coded block are missing; what does arrive decodes without an error.
        await s.Peer.SendAsync(s.Frame(0x2, Deflate(text)[..^5], rsv: 4));

        await s.AssertFailedWithAsync(CloseCode.InvalidPayload, application);
        var received = await application;
        Assert.Equal(WebSocketFault.CorruptDeflateStream, received[^1].Fault);
        Assert.Single(received);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, false)]
    [InlineData(Role.Client, false)]
    [InlineData(Role.Server, true)]
    [InlineData(Role.Client, true)]
    public async Task C_5_ContextTakeover_CarriesTheWindowAcrossMessages_UnlessNoContextTakeoverIsAgreed(Role engine, bool noContextTakeover)
    {
        var deflate = new PerMessageDeflateOptions { ServerNoContextTakeover = noContextTakeover, ClientNoContextTakeover = noContextTakeover };
        var agreement = noContextTakeover ? "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n" : null;
        await using var s = await RawSession.OpenAsync(engine, deflate: deflate, extensionHeader: agreement);
        var random = new Random(7);
        var message = Enumerable.Range(0, 2000).Select(_ => (byte)random.Next('a', 'z' + 1)).ToArray();

        await s.Engine.SendAsync(message, isText: true);
        await s.Engine.SendAsync(message, isText: true);
        var first = await s.Peer.ReadRawFrameAsync();
        var second = await s.Peer.ReadRawFrameAsync();

        // With its window kept, the second copy is one back-reference to the first.
        Assert.Equal((4, 4), (first!.Rsv, second!.Rsv));
        Assert.Equal(noContextTakeover, first.Payload.Length == second.Payload.Length);
        Assert.Equal(noContextTakeover, second.Payload.Length > first.Payload.Length / 4);
    }

    public static TheoryData<int, int, bool, bool> Agreements()
    {
        // Autobahn 13's offer/accept combinations, with the narrowest and widest windows.
        var data = new TheoryData<int, int, bool, bool>();
        foreach (var bits in new[] { 8, 9, 12, 15 })
        {
            data.Add(bits, 15, false, false);
            if (bits != 15)
            {
                // (15, 15) is already the row above.
                data.Add(15, bits, false, false);
            }

            data.Add(bits, bits, true, false);
            data.Add(bits, bits, false, true);
            data.Add(bits, bits, true, true);
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Agreements))]
    public async Task C_5_EveryWindowAndContextAgreement_RoundTripsByteForByte(int clientBits, int serverBits, bool clientNoContext, bool serverNoContext)
    {
        var deflate = new PerMessageDeflateOptions
        {
            ClientMaxWindowBits = clientBits,
            ServerMaxWindowBits = serverBits,
            ClientNoContextTakeover = clientNoContext,
            ServerNoContextTakeover = serverNoContext,
            Threshold = 0,
        };
        await using var pair = await Loopback.OpenAsync(
            new WebSocketServerOptions { Deflate = deflate, Connection = new WebSocketOptions { MaxMessageBytes = 1 << 20 } },
            new WebSocketClientOptions { Deflate = deflate, Connection = new WebSocketOptions { MaxMessageBytes = 1 << 20 } });
        Assert.True(pair.Client.IsCompressed && pair.Accepted.IsCompressed);

        foreach (var size in new[] { 16, 64, 256, 1024, 4096, 32_768, 131_072 })
        {
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var text = Payloads.Of(size + repeat, text: true);
                await pair.Client.SendAsync(text, isText: true);
                Assert.Equal(text, (await pair.Accepted.ReceiveAsync()).Payload.ToArray());
                await pair.Accepted.SendAsync(text, isText: true);
                Assert.Equal(text, (await pair.Client.ReceiveAsync()).Payload.ToArray());
            }
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData("permessage-deflate; foo=1")]
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=0x0f")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover=1")]
    [InlineData("permessage-deflate; __proto__")]
    [InlineData("constructor")]
    [InlineData("__proto__; server_no_context_takeover")]
    public async Task C_6_ServerDeclinesABadOffer_AndConnectsUncompressed(string offer)
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Deflate = new PerMessageDeflateOptions() });
        await using var peer = await RawPeer.OpenAsync(server.Url, $"Sec-WebSocket-Extensions: {offer}\r\n");
        await using var accepted = await server.AcceptAsync();

        Assert.DoesNotContain("Sec-WebSocket-Extensions", peer.ResponseHead, StringComparison.OrdinalIgnoreCase);
        Assert.False(accepted.IsCompressed);
        var receiving = accepted.ReceiveAsync().AsTask();
        await peer.SendAsync(RawFrame.Build(0x1, "plain"u8));
        Assert.Equal("plain", (await receiving).Text);
        accepted.Abort();
    }

    [Fact(Timeout = Timeout)]
    public async Task C_6_ServerSkipsABadOffer_ForTheNextGoodOne()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Deflate = new PerMessageDeflateOptions() });
        await using var peer = await RawPeer.OpenAsync(server.Url, "Sec-WebSocket-Extensions: permessage-deflate; foo=1, permessage-deflate\r\n");
        await using var accepted = await server.AcceptAsync();

        Assert.Contains("Sec-WebSocket-Extensions: permessage-deflate", peer.ResponseHead, StringComparison.OrdinalIgnoreCase);
        Assert.True(accepted.IsCompressed);
        accepted.Abort();
    }

    [Theory(Timeout = Timeout)]
    [InlineData("permessage-deflate; foo=1")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=7")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate, permessage-deflate")]
    [InlineData("x-webkit-deflate-frame")]
    [InlineData("__proto__")]
    public async Task C_6_ClientFailsOnABadExtensionResponse(string response)
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            RawPeer.ServeAsync(new WebSocketClientOptions { Deflate = new PerMessageDeflateOptions() }, $"Sec-WebSocket-Extensions: {response}\r\n"));

        Assert.Contains("permessage-deflate", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task C_7_ServerDeclinesDeflateByDefault()
    {
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.OpenAsync(server.Url, RawSession.DeflateHeader);
        await using var accepted = await server.AcceptAsync();

        Assert.DoesNotContain("Sec-WebSocket-Extensions", peer.ResponseHead, StringComparison.OrdinalIgnoreCase);
        Assert.False(accepted.IsCompressed);
        accepted.Abort();
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task C_7_SecretSentWithCompressionDisallowed_LeavesUncompressed(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine, deflate: new PerMessageDeflateOptions());
        var secret = Encoding.UTF8.GetBytes("Authorization: Bearer " + new string('s', 200));

        await s.Engine.SendAsync(secret, isText: true, allowCompression: false);
        await s.Engine.SendAsync(secret, isText: true);

        var plain = await s.Peer.ReadRawFrameAsync();
        var compressed = await s.Peer.ReadRawFrameAsync();
        Assert.Equal(0, plain!.Rsv);
        Assert.Equal(secret, plain.Payload);
        Assert.Equal(4, compressed!.Rsv);
    }

    /// <summary>One message as a permessage-deflate sender makes it: raw DEFLATE, sync-flushed, 00 00 ff ff removed.</summary>
    internal static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(data);
        deflate.Flush();
        return WithoutSyncMarker(output.ToArray());
    }

    internal static byte[] WithoutSyncMarker(byte[] flushed)
    {
        Assert.Equal([0x00, 0x00, 0xFF, 0xFF], flushed[^4..]);
        return flushed[..^4];
    }
}
