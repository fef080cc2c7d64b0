using System.Text;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;
using Xunit;
using static Moonwire.Engine.Tests.Handshake.HeadFeed;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>RFC 6455 §4.2: how a server judges an upgrade request and what it answers.</summary>
public sealed class ServerHandshakeTests
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    private static readonly ServerHandshakeOptions AnyOrigin = new();

    private static string Upgrade(string method = "GET", string version = "HTTP/1.1", string fields = "") =>
        $"{method} /chat {version}\r\n" + (fields.Length > 0 ? fields : StandardFields()) + "\r\n";

    private static string StandardFields(string? except = null, string extra = "") =>
        string.Concat(new[]
        {
            "Host: server.example.com\r\n", "Upgrade: websocket\r\n", "Connection: Upgrade\r\n",
            $"Sec-WebSocket-Key: {SampleKey}\r\n", "Sec-WebSocket-Version: 13\r\n",
        }.Where(f => except is null || !f.StartsWith(except + ":", StringComparison.Ordinal))) + extra;

    private static ServerHandshakeDecision Evaluate(string request, ServerHandshakeOptions? options = null)
    {
        var (status, head, _, _) = Request(request);
        Assert.Equal(HeadParseStatus.Done, status);
        return ServerHandshake.Evaluate(head!, options ?? AnyOrigin);
    }

    [Fact]
    public void Section4_2_1_AValidRequest_IsAccepted()
    {
        var decision = Evaluate(Upgrade());

        Assert.True(decision.Accepted);
        Assert.Equal((101, SampleKey), (decision.StatusCode, decision.Key));
        Assert.Null(decision.SubProtocol);
        Assert.Empty(decision.ExtensionOffers);
        Assert.Empty(decision.ResponseHeaders);
    }

    [Fact]
    public void Section4_2_1_TokensAndNamesIgnoreCase_AndConnectionMayListMore() =>
        Assert.True(Evaluate(Upgrade(fields:
            $"host: h\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: {SampleKey}\r\nsec-websocket-version: 13\r\n")).Accepted);

    [Theory]
    [InlineData("POST")]
    [InlineData("get")]
    [InlineData("HEAD")]
    public void Section4_2_1_Item1_OnlyGet_Else405WithAllow(string method)
    {
        var decision = Evaluate(Upgrade(method));

        Assert.Equal(405, decision.StatusCode);
        Assert.Equal([new("Allow", "GET")], decision.ResponseHeaders);
    }

    [Fact]
    public void Section4_2_1_Item1_Http10_Is505() =>
        Assert.Equal(505, Evaluate(Upgrade(version: "HTTP/1.0")).StatusCode);

    [Fact]
    public void Section4_2_1_Item1_LaterHttp1Versions_AreAccepted() =>
        Assert.True(Evaluate(Upgrade(version: "HTTP/1.2")).Accepted);

    [Theory]
    [InlineData("Host", "")]
    [InlineData("Host", "Host: \r\n")]
    [InlineData(null, "Host: again.example\r\n")]
    [InlineData("Sec-WebSocket-Key", "")]
    [InlineData("Sec-WebSocket-Key", "Sec-WebSocket-Key: short\r\n")]
    [InlineData("Sec-WebSocket-Key", "Sec-WebSocket-Key: the sample nonce\r\n")]
    [InlineData(null, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")]
    [InlineData(null, "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n")]
    [InlineData("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==, AAAAAAAAAAAAAAAAAAAAAA==\r\n")]
    public void Section4_2_1_HostAndKey_MustEachBeThereOnce_Else400(string? except, string extra) =>
        Assert.Equal(400, Evaluate(Upgrade(fields: StandardFields(except, extra))).StatusCode);

    [Theory]
    [InlineData("Upgrade", "")]
    [InlineData("Upgrade", "Upgrade: h2c\r\n")]
    [InlineData("Connection", "")]
    [InlineData("Connection", "Connection: keep-alive\r\n")]
    [InlineData("Connection", "Connection: upgraded\r\n")]
    public void Section4_2_1_APlainHttpRequest_Is426_NamingWebSocket(string except, string extra)
    {
        var decision = Evaluate(Upgrade(fields: StandardFields(except, extra)));

        Assert.Equal(426, decision.StatusCode);
        Assert.Equal([new("Upgrade", "websocket")], decision.ResponseHeaders);
    }

    [Theory]
    [InlineData("Sec-WebSocket-Version: 8\r\n")]
    [InlineData("Sec-WebSocket-Version: 13, 8\r\n")]
    [InlineData("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n")]
    [InlineData("Sec-WebSocket-Version: 013\r\n")]
    [InlineData("")]
    public void Section4_2_2_AnyVersionBut13_Is426_WithTheVersionWeSpeak(string extra)
    {
        var decision = Evaluate(Upgrade(fields: StandardFields("Sec-WebSocket-Version", extra)));

        Assert.Equal(426, decision.StatusCode);
        Assert.Equal([new("Sec-WebSocket-Version", "13")], decision.ResponseHeaders);
    }

    [Theory]
    [InlineData("Origin: https://app.example\r\n", true)]
    [InlineData("Origin: HTTPS://APP.example\r\n", true)]
    [InlineData("Origin: https://other.example\r\n", true)]
    [InlineData("Origin: https://evil.example\r\n", false)]
    [InlineData("Origin: null\r\n", false)]
    [InlineData("", false)]
    [InlineData("Origin: https://app.example\r\nOrigin: https://evil.example\r\n", false)]
    public void Section10_2_OriginsOutsideTheAllowList_Are403(string extra, bool accepted)
    {
        var options = new ServerHandshakeOptions { AllowedOrigins = ["https://app.example", "https://other.example"] };

        var decision = Evaluate(Upgrade(fields: StandardFields(extra: extra)), options);

        Assert.Equal(accepted ? 101 : 403, decision.StatusCode);
    }

    [Fact]
    public void Section10_2_WithoutAnAllowList_AnyOriginIsAccepted() =>
        Assert.True(Evaluate(Upgrade(fields: StandardFields(extra: "Origin: https://evil.example\r\n"))).Accepted);

    [Theory]
    [InlineData("Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n", "chat.v2")]
    [InlineData("Sec-WebSocket-Protocol: chat.v1\r\nSec-WebSocket-Protocol: chat.v2\r\n", "chat.v2")]
    [InlineData("Sec-WebSocket-Protocol: chat.v1\r\n", "chat.v1")]
    [InlineData("Sec-WebSocket-Protocol: Chat.V2, other\r\n", null)]
    [InlineData("Sec-WebSocket-Protocol: other\r\n", null)]
    [InlineData("", null)]
    public void Section4_2_2_OurFirstPreferenceTheClientOffered_IsChosen(string extra, string? chosen)
    {
        var options = new ServerHandshakeOptions { SubProtocols = ["chat.v2", "chat.v1"] };

        Assert.Equal(chosen, Evaluate(Upgrade(fields: StandardFields(extra: extra)), options).SubProtocol);
    }

    [Fact]
    public void Section9_1_ExtensionOffers_AreSplitAtTopLevelCommas()
    {
        var extra =
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-quoted; list=\"a, b\"; q=\"\\\"\" ,, \r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate\r\n";

        var decision = Evaluate(Upgrade(fields: StandardFields(extra: extra)));

        Assert.Equal(["permessage-deflate; client_max_window_bits", "x-quoted; list=\"a, b\"; q=\"\\\"\"", "permessage-deflate"],
            decision.ExtensionOffers);
    }

    [Fact]
    public void Section4_2_2_TheRfcSampleAccept_IsWrittenByteForByte()
    {
        using var buffer = new ByteBuffer();

        ServerHandshake.WriteAccept(buffer, SampleKey, "chat", null);

        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "Sec-WebSocket-Protocol: chat\r\n" +
            "\r\n",
            Text(buffer));
    }

    [Fact]
    public void Section4_2_2_TheAgreedExtensions_AreEchoed()
    {
        using var buffer = new ByteBuffer();

        ServerHandshake.WriteAccept(buffer, SampleKey, null, "permessage-deflate; server_no_context_takeover");

        var head = ParseResponse(buffer);
        Assert.Equal("permessage-deflate; server_no_context_takeover", head.Headers.Get("Sec-WebSocket-Extensions"));
        Assert.False(head.Headers.Contains("Sec-WebSocket-Protocol"));
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(403, "Forbidden")]
    [InlineData(405, "Method Not Allowed")]
    [InlineData(414, "URI Too Long")]
    [InlineData(426, "Upgrade Required")]
    [InlineData(431, "Request Header Fields Too Large")]
    [InlineData(505, "HTTP Version Not Supported")]
    [InlineData(503, "")]
    public void ARejection_IsAClosingResponseWithItsReasonAsBody(int statusCode, string phrase)
    {
        using var buffer = new ByteBuffer();
        var decision = new ServerHandshakeDecision { StatusCode = statusCode, Reason = "Nope, caf\u00e9." };

        ServerHandshake.WriteRejection(buffer, decision);

        var status = HttpHeadParser.TryParseResponse(buffer.ReadableSpan, Defaults, out var head, out var consumed);
        Assert.Equal(HeadParseStatus.Done, status);
        Assert.Equal((statusCode, phrase), (head!.StatusCode, head.Reason));
        Assert.Equal("close", head.Headers.Get("Connection"));
        Assert.Equal("text/plain; charset=utf-8", head.Headers.Get("Content-Type"));
        var body = buffer.ReadableSpan[consumed..].ToArray();
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers.Get("Content-Length"));
        Assert.Equal("Nope, caf\u00e9.", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void ARejection_CarriesTheDecisionsHeaders_AndListsUpgradeInConnection()
    {
        using var buffer = new ByteBuffer();

        ServerHandshake.WriteRejection(buffer, Evaluate(Upgrade(fields: StandardFields("Upgrade"))));

        var head = ParseResponse(buffer);
        Assert.Equal(426, head.StatusCode);
        Assert.Equal("websocket", head.Headers.Get("Upgrade"));
        Assert.True(head.Headers.HasToken("Connection", "upgrade"));
        Assert.True(head.Headers.HasToken("Connection", "close"));
    }

    [Fact]
    public void AnAcceptedDecision_IsNotARejection()
    {
        using var buffer = new ByteBuffer();

        Assert.Throws<InvalidOperationException>(() => ServerHandshake.WriteRejection(buffer, Evaluate(Upgrade())));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(600)]
    public void ARejectionNeedsAnErrorStatus(int statusCode)
    {
        using var buffer = new ByteBuffer();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ServerHandshake.WriteRejection(buffer, new ServerHandshakeDecision { StatusCode = statusCode, Reason = "x" }));
    }

    [Fact]
    public void RejectionHeaders_CannotInject()
    {
        using var buffer = new ByteBuffer();
        var decision = new ServerHandshakeDecision { StatusCode = 400, Reason = "x", ResponseHeaders = [new("X", "a\r\nSet-Cookie: b")] };

        Assert.Throws<ArgumentException>(() => ServerHandshake.WriteRejection(buffer, decision));
    }
}
