using Moonwire.Engine.Handshake;
using Xunit;
using static Moonwire.Engine.Tests.Handshake.HeadFeed;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>RFC 9112 §2–§5 syntax, with RFC 6455 §1.3's sample handshake; every head is also fed one byte at a time.</summary>
public sealed class HttpHeadParserTests
{
    private const string SampleRequest =
        "GET /chat HTTP/1.1\r\n" +
        "Host: server.example.com\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Origin: http://example.com\r\n" +
        "Sec-WebSocket-Protocol: chat, superchat\r\n" +
        "Sec-WebSocket-Version: 13\r\n" +
        "\r\n";

    private const string SampleResponse =
        "HTTP/1.1 101 Switching Protocols\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
        "Sec-WebSocket-Protocol: chat\r\n" +
        "\r\n";

    [Fact]
    public void Section1_3_SampleRequest_NeedsEveryByte_ThenParses()
    {
        var (status, head, consumed, decidedAt) = Request(SampleRequest);

        Assert.Equal((HeadParseStatus.Done, SampleRequest.Length, SampleRequest.Length), (status, consumed, decidedAt));
        KeyValuePair<string, string>[] fields =
        [
            new("Host", "server.example.com"), new("Upgrade", "websocket"), new("Connection", "Upgrade"),
            new("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), new("Origin", "http://example.com"),
            new("Sec-WebSocket-Protocol", "chat, superchat"), new("Sec-WebSocket-Version", "13"),
        ];
        Assert.Equal(("GET", "/chat", "HTTP/1.1"), (head!.Method, head.Target, head.Version));
        Assert.Equal(fields, head.Headers);
    }

    [Fact]
    public void Section1_3_SampleResponse_NeedsEveryByte_ThenParses()
    {
        var (status, head, consumed, decidedAt) = Response(SampleResponse);

        Assert.Equal((HeadParseStatus.Done, SampleResponse.Length, SampleResponse.Length), (status, consumed, decidedAt));
        Assert.Equal((101, "Switching Protocols", "HTTP/1.1"), (head!.StatusCode, head.Reason, head.Version));
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.Headers.Get("sec-websocket-accept"));
        Assert.Equal(4, head.Headers.Count);
    }

    [Fact]
    public void BytesAfterTheBlankLine_AreLeftToTheCaller()
    {
        var wire = Bytes(SampleResponse + "\x81\x05Hello");

        var status = HttpHeadParser.TryParseResponse(wire, Defaults, out var head, out var consumed);

        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal(SampleResponse.Length, consumed);
        Assert.Equal(4, head!.Headers.Count);
    }

    [Theory]
    [InlineData("X: value", "value")]
    [InlineData("X:value", "value")]
    [InlineData("X: \t value with  inner\tspace \t ", "value with  inner\tspace")]
    [InlineData("X:", "")]
    [InlineData("X:   ", "")]
    [InlineData("X: caf\u00e9 \u00ff", "caf\u00e9 \u00ff")]
    [InlineData("X: \"quoted, with comma\"", "\"quoted, with comma\"")]
    [InlineData("X: a:b:c", "a:b:c")]
    public void FieldValues_LoseTheirOptionalWhitespace_AndKeepTheirBytes(string line, string value)
    {
        var (status, head, _, _) = Request($"GET / HTTP/1.1\r\n{line}\r\n\r\n");

        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal(value, head!.Headers.Get("x"));
    }

    [Fact]
    public void AHeadWithoutFields_Parses()
    {
        var (status, head, consumed, _) = Request("GET /?a=b HTTP/1.1\r\n\r\n");

        Assert.Equal((HeadParseStatus.Done, 22), (status, consumed));
        Assert.Equal("/?a=b", head!.Target);
        Assert.Equal(0, head.Headers.Count);
    }

    [Theory]
    [InlineData("get / HTTP/1.1", "get")]
    [InlineData("M-SEARCH * HTTP/1.1", "M-SEARCH")]
    [InlineData("OPTIONS http://example.com:80/a HTTP/1.1", "OPTIONS")]
    public void AnyTokenIsAMethod_TheHandshakeDecidesWhichItAccepts(string requestLine, string method)
    {
        var (status, head, _, _) = Request($"{requestLine}\r\nHost: h\r\n\r\n");

        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal(method, head!.Method);
    }

    [Fact]
    public void Http10_Parses_SoTheHandshakeCanAnswerIt()
    {
        var (status, head, _, _) = Request("GET / HTTP/1.0\r\nHost: h\r\n\r\n");

        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal("HTTP/1.0", head!.Version);
    }

    [Theory]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    [InlineData("GET / HTTP/0.9\r\n\r\n")]
    public void OtherMajorVersions_AreUnsupported(string wire) =>
        Assert.Equal(HeadParseStatus.UnsupportedVersion, Request(wire).Status);

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n Upgrade: websocket\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tcontinued\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX(y): h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX\u00e9: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\r\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\u0001\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\u007f\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\nHost: h\n\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n\n")]
    [InlineData("\r\nGET / HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\r\n\r\n")]
    [InlineData("GET HTTP/1.1\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1 \r\n\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\u00e9 HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\t HTTP/1.1\r\n\r\n")]
    [InlineData(" GET / HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / http/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.10\r\n\r\n")]
    [InlineData("GET / HTTP/11\r\n\r\n")]
    [InlineData("GET / HTTP/a.1\r\n\r\n")]
    [InlineData("this is not http\r\n\r\n")]
    public void MalformedRequests_AreRefused(string wire) =>
        Assert.Equal(HeadParseStatus.Malformed, Request(wire).Status);

    [Fact]
    public void AMalformedLine_IsRefusedBeforeTheHeadEnds()
    {
        var wire = "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\nMore: y\r\n\r\n";

        var (status, _, _, decidedAt) = Request(wire);

        Assert.Equal(HeadParseStatus.Malformed, status);
        Assert.Equal(wire.IndexOf("More", StringComparison.Ordinal), decidedAt);
    }

    [Theory]
    [InlineData("HTTP/1.1 200\r\n\r\n", 200, "")]
    [InlineData("HTTP/1.1 200 \r\n\r\n", 200, "")]
    [InlineData("HTTP/1.0 403 Forbidden\r\n\r\n", 403, "Forbidden")]
    [InlineData("HTTP/1.1 426 Upgrade\tRequired (\u00e9)\r\n\r\n", 426, "Upgrade\tRequired (\u00e9)")]
    [InlineData("HTTP/1.1 999 Whatever\r\n\r\n", 999, "Whatever")]
    public void StatusLines_GiveCodeAndReason(string wire, int statusCode, string reason)
    {
        var (status, head, _, _) = Response(wire);

        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal((statusCode, reason), (head!.StatusCode, head.Reason));
    }

    [Theory]
    [InlineData("HTTP/1.1 1O1 Switching Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1 10 Switching Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1 1011 Switching Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1 101Switching Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1  101 Switching Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching\0Protocols\r\n\r\n")]
    [InlineData("HTTP/1.1\r\n\r\n")]
    [InlineData("HTTP 101\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade : websocket\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n  folded\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n")]
    public void MalformedResponses_AreRefused(string wire) =>
        Assert.Equal(HeadParseStatus.Malformed, Response(wire).Status);

    [Fact]
    public void AResponseInHttp2Syntax_IsUnsupported() =>
        Assert.Equal(HeadParseStatus.UnsupportedVersion, Response("HTTP/2.0 101 Switching Protocols\r\n\r\n").Status);

    [Fact]
    public void ARequestIsNotAResponse()
    {
        Assert.Equal(HeadParseStatus.Malformed, Response(SampleRequest).Status);
        Assert.Equal(HeadParseStatus.Malformed, Request(SampleResponse).Status);
    }
}
