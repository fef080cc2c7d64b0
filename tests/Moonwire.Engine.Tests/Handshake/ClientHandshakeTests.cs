using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;
using Xunit;
using static Moonwire.Engine.Tests.Handshake.HeadFeed;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>RFC 6455 §4.1: the request a client sends and the checks it makes on the server's answer.</summary>
public sealed class ClientHandshakeTests
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static readonly ClientHandshakeRequest Sample = new(new Uri("ws://server.example.com/chat"), SampleKey)
    {
        SubProtocols = ["chat", "superchat"],
        Origin = "http://example.com",
    };

    private static string Write(ClientHandshakeRequest request)
    {
        using var buffer = new ByteBuffer();
        ClientHandshake.WriteRequest(buffer, request);
        return Text(buffer);
    }

    private static string? Validate(string response, ClientHandshakeRequest request, out string? subProtocol, out string? extensions)
    {
        var (status, head, _, _) = Response(response);
        Assert.Equal(HeadParseStatus.Done, status);
        return ClientHandshake.Validate(head!, request, out subProtocol, out extensions);
    }

    private static string? Validate(string response, ClientHandshakeRequest? request = null) =>
        Validate(response, request ?? Sample, out _, out _);

    private static string Accepting(string extra = "") =>
        $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {SampleAccept}\r\n{extra}\r\n";

    [Fact]
    public void Section1_3_SampleRequest_IsWrittenByteForByte() =>
        Assert.Equal(
            "GET /chat HTTP/1.1\r\n" +
            "Host: server.example.com\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "Sec-WebSocket-Protocol: chat, superchat\r\n" +
            "Origin: http://example.com\r\n" +
            "\r\n",
            Write(Sample));

    [Fact]
    public void Section4_1_ExtensionOfferAndCustomHeaders_FollowInOrder()
    {
        var request = new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey)
        {
            ExtensionOffer = "permessage-deflate; client_max_window_bits",
            Headers = [new("X-Trace", "a"), new("Authorization", "Bearer t"), new("x-trace", "b")],
        };

        Assert.EndsWith(
            "Sec-WebSocket-Version: 13\r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" +
            "X-Trace: a\r\nAuthorization: Bearer t\r\nx-trace: b\r\n\r\n",
            Write(request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws://example.com", "example.com")]
    [InlineData("ws://example.com:80/", "example.com")]
    [InlineData("ws://example.com:443/", "example.com:443")]
    [InlineData("ws://example.com:9001/", "example.com:9001")]
    [InlineData("wss://example.com/", "example.com")]
    [InlineData("wss://example.com:443/", "example.com")]
    [InlineData("wss://example.com:80/", "example.com:80")]
    [InlineData("ws://127.0.0.1:9001/", "127.0.0.1:9001")]
    [InlineData("ws://[::1]:9001/", "[::1]:9001")]
    [InlineData("wss://[2001:db8::7]/", "[2001:db8::7]")]
    [InlineData("ws://user:secret@example.com/", "example.com")]
    [InlineData("ws://EXAMPLE.com/", "example.com")]
    [InlineData("ws://b\u00fccher.example/", "xn--bcher-kva.example")]
    public void Section4_1_Item4_Host_HasThePortOnlyWhenNotTheDefault(string url, string host) =>
        Assert.Contains($"\r\nHost: {host}\r\n", Write(new ClientHandshakeRequest(new Uri(url), SampleKey)), StringComparison.Ordinal);

    [Theory]
    [InlineData("ws://h", "/")]
    [InlineData("ws://h/a/b?x=1&y=%20", "/a/b?x=1&y=%20")]
    [InlineData("ws://h/a#fragment", "/a")]
    [InlineData("ws://h/caf\u00e9", "/caf%C3%A9")]
    public void Section4_1_Item2_TheTargetIsPathAndQuery(string url, string target) =>
        Assert.StartsWith($"GET {target} HTTP/1.1\r\n", Write(new ClientHandshakeRequest(new Uri(url), SampleKey)), StringComparison.Ordinal);

    [Theory]
    [InlineData("Host")]
    [InlineData("upgrade")]
    [InlineData("CONNECTION")]
    [InlineData("Sec-WebSocket-Key")]
    [InlineData("Sec-WebSocket-Version")]
    [InlineData("Sec-WebSocket-Accept")]
    [InlineData("sec-websocket-protocol")]
    [InlineData("Sec-WebSocket-Extensions")]
    public void HeadersTheHandshakeOwns_CannotBeAdded(string name) =>
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { Headers = [new(name, "x")] }));

    [Fact]
    public void Origin_ComesFromItsOption_OrFromOneCustomHeader()
    {
        var custom = new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { Headers = [new("Origin", "https://a.example")] };

        Assert.Contains("\r\nOrigin: https://a.example\r\n", Write(custom), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey)
        {
            Origin = "https://b.example",
            Headers = [new("origin", "https://a.example")],
        }));
    }

    [Theory]
    [InlineData("X-Evil\r\nHost", "x")]
    [InlineData("X-Evil", "x\r\nHost: evil.example")]
    [InlineData("X-Evil", "x\nSet: y")]
    [InlineData("X-Evil", "x\rSet: y")]
    [InlineData("X-Evil", "x\0y")]
    [InlineData("X-Evil", "\u20ac")]
    [InlineData("X Evil", "x")]
    [InlineData("X-Evil:", "x")]
    [InlineData("", "x")]
    [InlineData("X-\u00e9", "x")]
    public void HeaderInjection_IsRefused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { Headers = [new(name, value)] }));

    [Fact]
    public void OriginAndExtensionOffer_CannotInjectEither()
    {
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { Origin = "https://a\r\nX: y" }));
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { ExtensionOffer = "a\r\n\r\nGET /" }));
    }

    [Theory]
    [InlineData("chat room")]
    [InlineData("a,b")]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    [InlineData("chat\r\n")]
    public void Section4_1_Item10_SubprotocolsMustBeTokens(string subProtocol) =>
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { SubProtocols = [subProtocol] }));

    [Fact]
    public void Section4_1_Item10_ASubprotocolIsOfferedOnce() =>
        Assert.Throws<ArgumentException>(() => Write(new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { SubProtocols = ["a", "b", "a"] }));

    [Fact]
    public void Section4_1_TheRfcSampleAnswer_IsAccepted()
    {
        var error = Validate(Accepting("Sec-WebSocket-Protocol: chat\r\n"), Sample, out var subProtocol, out var extensions);

        Assert.Null(error);
        Assert.Equal("chat", subProtocol);
        Assert.Null(extensions);
    }

    [Fact]
    public void Section4_1_NamesAndTokensIgnoreCase_AndConnectionMayListMore()
    {
        var answer = $"HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nCONNECTION: keep-alive, upgrade\r\nsec-websocket-accept: {SampleAccept}\r\n\r\n";

        Assert.Null(Validate(answer, Sample, out var subProtocol, out _));
        Assert.Null(subProtocol);
    }

    [Fact]
    public void Section9_1_AcceptedExtensions_AreReturnedRaw_RepeatsJoined()
    {
        var request = new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey) { ExtensionOffer = "permessage-deflate" };

        var error = Validate(Accepting("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\nSec-WebSocket-Extensions: x-other\r\n"),
            request, out _, out var extensions);

        Assert.Null(error);
        Assert.Equal("permessage-deflate; server_no_context_takeover, x-other", extensions);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", "200 OK")]
    [InlineData("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n\r\n", "401 Unauthorized")]
    [InlineData("HTTP/1.1 302\r\nLocation: ws://elsewhere/\r\n\r\n", "302 instead")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "Upgrade: websocket")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "Upgrade: websocket")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "Connection: Upgrade")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "Connection: Upgrade")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "Sec-WebSocket-Accept")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: d3JvbmcgYWNjZXB0IHZhbHVlIQ==\r\n\r\n", "Sec-WebSocket-Accept")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: S3PPLMBITXAQ9KYGZZHZRBK+XOO=\r\n\r\n", "Sec-WebSocket-Accept")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "Sec-WebSocket-Accept")]
    public void Section4_1_ABadAnswer_FailsWithAReason(string response, string mentioned)
    {
        var error = Validate(response);

        Assert.NotNull(error);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("Sec-WebSocket-Protocol: never-offered\r\n")]
    [InlineData("Sec-WebSocket-Protocol: Chat\r\n")]
    [InlineData("Sec-WebSocket-Protocol: chat, superchat\r\n")]
    [InlineData("Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat\r\n")]
    [InlineData("Sec-WebSocket-Protocol:\r\n")]
    public void Section4_1_Item6_OnlyOneOfferedSubprotocolMayBeChosen(string extra)
    {
        var error = Validate(Accepting(extra), Sample, out var subProtocol, out _);

        Assert.Contains("subprotocol", error, StringComparison.Ordinal);
        Assert.Null(subProtocol);
    }

    [Fact]
    public void Section4_1_Item6_NoSubprotocolMayBeChosenWhenNoneWasOffered() =>
        Assert.NotNull(Validate(Accepting("Sec-WebSocket-Protocol: chat\r\n"), new ClientHandshakeRequest(new Uri("ws://h/"), SampleKey)));

    [Fact]
    public void Section4_1_Item5_NoExtensionMayBeAcceptedWhenNoneWasOffered()
    {
        var error = Validate(Accepting("Sec-WebSocket-Extensions: permessage-deflate\r\n"), Sample, out _, out var extensions);

        Assert.Contains("extension", error, StringComparison.Ordinal);
        Assert.Null(extensions);
    }
}
