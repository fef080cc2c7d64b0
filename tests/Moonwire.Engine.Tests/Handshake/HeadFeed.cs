using System.Text;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;
using Xunit;

namespace Moonwire.Engine.Tests.Handshake;

internal delegate HeadParseStatus HeadParse<T>(ReadOnlySpan<byte> input, HttpLimits limits, out T? head, out int consumed)
    where T : class;

/// <summary>Feeds heads to the parser the way a socket delivers them, and turns wire bytes into text and back.</summary>
internal static class HeadFeed
{
    public static readonly HttpLimits Defaults = new();

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ByteBuffer buffer) => Encoding.Latin1.GetString(buffer.ReadableSpan);

    /// <summary>
    /// Parses every prefix of <paramref name="wire"/>, as if it arrived one byte at a time, and returns the
    /// first answer that is not NeedMoreData together with the prefix length that produced it. The
    /// parser is stateless, so the whole input must then give that same answer.
    /// </summary>
    public static (HeadParseStatus Status, T? Head, int Consumed, int DecidedAt) Trickle<T>(HeadParse<T> parse, byte[] wire, HttpLimits? limits = null)
        where T : class
    {
        limits ??= Defaults;
        for (var length = 0; length <= wire.Length; length++)
        {
            var status = parse(wire.AsSpan(0, length), limits, out var head, out var consumed);
            if (status != HeadParseStatus.NeedMoreData)
            {
                Assert.Equal(status, parse(wire, limits, out _, out var wholeConsumed));
                Assert.Equal(consumed, wholeConsumed);
                return (status, head, consumed, length);
            }

            Assert.Null(head);
        }

        return (HeadParseStatus.NeedMoreData, null, 0, wire.Length);
    }

    public static (HeadParseStatus Status, HttpRequestHead? Head, int Consumed, int DecidedAt) Request(string wire, HttpLimits? limits = null) =>
        Trickle<HttpRequestHead>(HttpHeadParser.TryParseRequest, Bytes(wire), limits);

    public static (HeadParseStatus Status, HttpResponseHead? Head, int Consumed, int DecidedAt) Response(string wire, HttpLimits? limits = null) =>
        Trickle<HttpResponseHead>(HttpHeadParser.TryParseResponse, Bytes(wire), limits);

    public static HttpResponseHead ParseResponse(ByteBuffer buffer)
    {
        Assert.Equal(HeadParseStatus.Done, HttpHeadParser.TryParseResponse(buffer.ReadableSpan, Defaults, out var head, out _));
        return head!;
    }

    public static HttpRequestHead ParseRequest(ByteBuffer buffer)
    {
        Assert.Equal(HeadParseStatus.Done, HttpHeadParser.TryParseRequest(buffer.ReadableSpan, Defaults, out var head, out var consumed));
        Assert.Equal(buffer.Length, consumed);
        return head!;
    }
}
