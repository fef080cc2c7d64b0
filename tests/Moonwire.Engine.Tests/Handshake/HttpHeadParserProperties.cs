using System.Text;
using CsCheck;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;
using Xunit;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>The parser's contract over arbitrary input: it never throws, always answers, and what we write it reads back.</summary>
public sealed class HttpHeadParserProperties
{
    private static readonly HttpLimits Limits = new() { MaxHeadBytes = 512, MaxHeaderLineBytes = 96, MaxHeaderCount = 12 };

    // Bytes that steer a parser into its branches more often than uniform noise would.
    private static readonly Gen<byte[]> HeadLike = Gen.OneOf(
            Gen.OneOfConst("GET / HTTP/1.1\r\n", "HTTP/1.1 101 Switching Protocols\r\n", "Host: h\r\n", "\r\n", "\r", "\n", ":", " ", "\t",
                "\0", "HTTP/2.0", "X", "\u00e9").Select(s => Encoding.Latin1.GetBytes(s)),
            Gen.Byte.Array[0, 40])
        .Array[0, 40]
        .Select(parts => parts.SelectMany(p => p).ToArray());

    private static readonly Gen<byte[]> AnyInput = Gen.OneOf(Gen.Byte.Array[0, 700], HeadLike);

    private static readonly Gen<string> Token = Gen.Char["!#$%&'*+-.^_`|~0123456789ABCXYZabcxyz"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> FieldValue = Gen.Char[" \t!\"(),:;<=>?@[\\]{}azAZ09\u0080\u00e9\u00ff"].Array[0, 20]
        .Select(c => new string(c).Trim(' ', '\t'));

    [Fact]
    public void AnyBytes_NeverThrow_AndGetAConsistentAnswer()
    {
        AnyInput.Sample(input =>
        {
            Check<HttpRequestHead>(HttpHeadParser.TryParseRequest, input);
            Check<HttpResponseHead>(HttpHeadParser.TryParseResponse, input);
        }, iter: 3_000);
    }

    [Fact]
    public void WrittenRequests_ParseBackToTheSameFields_AfterEveryPrefixAskedForMore()
    {
        Gen.Select(Token.Array[0, 8], FieldValue.Array[8]).Sample((names, values) =>
        {
            var fields = names.Select((n, i) => new KeyValuePair<string, string>("X-" + n, values[i])).ToArray();
            var request = new ClientHandshakeRequest(new Uri("ws://h/"), WebSocketKey.Create()) { Headers = fields };
            using var wire = new ByteBuffer();
            ClientHandshake.WriteRequest(wire, request);

            var (status, head, consumed, decidedAt) = HeadFeed.Trickle<HttpRequestHead>(HttpHeadParser.TryParseRequest, wire.ReadableSpan.ToArray());

            Assert.Equal((HeadParseStatus.Done, wire.Length, wire.Length), (status, consumed, decidedAt));
            Assert.Equal(fields, head!.Headers.Skip(5));
        }, iter: 200);
    }

    private static void Check<T>(HeadParse<T> parse, byte[] input)
        where T : class
    {
        var status = parse(input, Limits, out var head, out var consumed);

        Assert.True(Enum.IsDefined(status), status.ToString());
        Assert.Equal(status == HeadParseStatus.Done, head is not null);
        if (status == HeadParseStatus.Done)
        {
            // The head alone gives the same answer: what follows it never changes how it parses.
            Assert.InRange(consumed, 4, Math.Min(input.Length, Limits.MaxHeadBytes));
            Assert.Equal(HeadParseStatus.Done, parse(input.AsSpan(0, consumed), Limits, out _, out var again));
            Assert.Equal(consumed, again);
        }
        else
        {
            Assert.Equal(0, consumed);
            if (status == HeadParseStatus.NeedMoreData)
            {
                Assert.True(input.Length < Limits.MaxHeadBytes);
            }
            else
            {
                Assert.InRange(HttpHeadParser.StatusCodeFor(status), 400, 505);
            }
        }
    }
}
