using System.Text;
using Moonwire.Engine.Handshake;
using Xunit;
using static Moonwire.Engine.Tests.Handshake.HeadFeed;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>
/// Every bound of <see cref="HttpLimits"/> holds exactly at its value and fires one byte past it, before
/// the blank line arrives: a peer that never finishes its head costs at most MaxHeadBytes.
/// </summary>
public sealed class HttpHeadLimitTests
{
    private static readonly HttpLimits Small = new() { MaxHeadBytes = 256, MaxHeaderLineBytes = 64, MaxHeaderCount = 4 };

    private static HeadParseStatus ParseRequest(string wire, HttpLimits limits) =>
        HttpHeadParser.TryParseRequest(Bytes(wire), limits, out _, out _);

    private static string RequestLine(int length) => "GET /" + new string('a', length - 14) + " HTTP/1.1";

    private static string HeaderLine(int length) => "X: " + new string('v', length - 3);

    [Fact]
    public void ARequestLineOfTheLimit_Parses() =>
        Assert.Equal(HeadParseStatus.Done, ParseRequest(RequestLine(64) + "\r\n\r\n", Small));

    [Fact]
    public void ARequestLineOverTheLimit_Is414_BeforeItsEndArrives()
    {
        var (status, _, _, decidedAt) = Request(RequestLine(65) + "\r\n\r\n", Small);

        Assert.Equal(HeadParseStatus.RequestLineTooLong, status);
        Assert.Equal(64 + 2, decidedAt);
        Assert.Equal(414, HttpHeadParser.StatusCodeFor(status));
    }

    [Fact]
    public void AHeaderLineOfTheLimit_Parses() =>
        Assert.Equal(HeadParseStatus.Done, ParseRequest($"GET / HTTP/1.1\r\n{HeaderLine(64)}\r\n\r\n", Small));

    [Fact]
    public void AHeaderLineOverTheLimit_Is431_BeforeItsEndArrives()
    {
        var (status, _, _, decidedAt) = Request($"GET / HTTP/1.1\r\n{HeaderLine(65)}\r\n\r\n", Small);

        Assert.Equal(HeadParseStatus.HeaderLineTooLong, status);
        Assert.Equal(16 + 64 + 2, decidedAt);
    }

    [Fact]
    public void AStatusLineOverTheLimit_IsAHeaderLineTooLong() =>
        Assert.Equal(HeadParseStatus.HeaderLineTooLong, Response("HTTP/1.1 200 " + new string('r', 60) + "\r\n\r\n", Small).Status);

    [Theory]
    [InlineData(4, HeadParseStatus.Done)]
    [InlineData(5, HeadParseStatus.TooManyHeaders)]
    public void HeaderCount_IsBounded(int count, HeadParseStatus expected)
    {
        var fields = string.Concat(Enumerable.Range(0, count).Select(i => $"X-{i}: y\r\n"));

        Assert.Equal(expected, Request($"GET / HTTP/1.1\r\n{fields}\r\n", Small).Status);
    }

    [Fact]
    public void AHeadOfExactlyTheLimit_Parses()
    {
        var wire = HeadOfLength(256, closed: true);

        Assert.Equal(HeadParseStatus.Done, HttpHeadParser.TryParseRequest(Bytes(wire), Small with { MaxHeaderCount = 100 }, out _, out var consumed));
        Assert.Equal(256, consumed);
    }

    [Fact]
    public void Slowloris_AHeadThatNeverEnds_IsRefusedOnceItFillsTheLimit()
    {
        var limits = Small with { MaxHeaderCount = 100 };
        var wire = Bytes(HeadOfLength(1024, closed: false));

        var (status, _, _, decidedAt) = Trickle<HttpRequestHead>(HttpHeadParser.TryParseRequest, wire, limits);

        Assert.Equal(HeadParseStatus.HeadTooLarge, status);
        Assert.Equal(256, decidedAt);
        Assert.Equal(431, HttpHeadParser.StatusCodeFor(status));
    }

    [Fact]
    public void TenThousandTinyHeaders_AreTooMany_AtTheDefaultLimits()
    {
        var wire = $"GET / HTTP/1.1\r\n{string.Concat(Enumerable.Repeat("a:b\r\n", 10_000))}\r\n";

        Assert.Equal(HeadParseStatus.TooManyHeaders, ParseRequest(wire, new HttpLimits()));
        Assert.Equal(HeadParseStatus.HeadTooLarge, ParseRequest(wire, new HttpLimits { MaxHeaderCount = 20_000 }));
    }

    [Fact]
    public void TenThousandTinyHeaders_ParseWhenTheLimitsAllowThem()
    {
        var limits = new HttpLimits { MaxHeadBytes = 1 << 20, MaxHeaderCount = 10_000 };
        var wire = Bytes($"GET / HTTP/1.1\r\n{string.Concat(Enumerable.Range(0, 10_000).Select(i => $"a: {i}\r\n"))}\r\n");

        Assert.Equal(HeadParseStatus.Done, HttpHeadParser.TryParseRequest(wire, limits, out var head, out var consumed));
        Assert.Equal(wire.Length, consumed);
        Assert.Equal(10_000, head!.Headers.GetAll("A").Count);
        Assert.Equal("9999", head.Headers.GetAll("a")[^1]);
    }

    [Fact]
    public void ResponseLimits_AreEnforcedToo()
    {
        var fields = string.Concat(Enumerable.Range(0, 5).Select(i => $"X-{i}: y\r\n"));

        Assert.Equal(HeadParseStatus.TooManyHeaders, Response($"HTTP/1.1 101 Switching Protocols\r\n{fields}\r\n", Small).Status);
        Assert.Equal(HeadParseStatus.HeadTooLarge, Response("HTTP/1.1 200 OK\r\n" + HeadOfLength(300, closed: false)[16..], Small with { MaxHeaderCount = 100 }).Status);
    }

    [Theory]
    [InlineData(HeadParseStatus.Malformed, 400)]
    [InlineData(HeadParseStatus.RequestLineTooLong, 414)]
    [InlineData(HeadParseStatus.HeaderLineTooLong, 431)]
    [InlineData(HeadParseStatus.HeadTooLarge, 431)]
    [InlineData(HeadParseStatus.TooManyHeaders, 431)]
    [InlineData(HeadParseStatus.UnsupportedVersion, 505)]
    public void EachFailure_HasItsHttpStatus(HeadParseStatus status, int statusCode) =>
        Assert.Equal(statusCode, HttpHeadParser.StatusCodeFor(status));

    [Theory]
    [InlineData(HeadParseStatus.Done)]
    [InlineData(HeadParseStatus.NeedMoreData)]
    public void SuccessAndWaiting_HaveNoErrorStatus(HeadParseStatus status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HttpHeadParser.StatusCodeFor(status));

    /// <summary>A request head of exactly <paramref name="length"/> bytes made of short lines; unclosed, it lacks only the blank line.</summary>
    private static string HeadOfLength(int length, bool closed)
    {
        var head = new StringBuilder("GET / HTTP/1.1\r\n");
        var body = length - (closed ? 2 : 0);
        while (body - head.Length >= 14)
        {
            head.Append("X: 12345\r\n");
        }

        // The last line, "Y:" and CRLF around some z, takes up the remaining 4 to 13 bytes.
        var padding = body - head.Length - 4;
        head.Append("Y:").Append('z', padding).Append("\r\n");
        return head.Append(closed ? "\r\n" : "").ToString();
    }
}
