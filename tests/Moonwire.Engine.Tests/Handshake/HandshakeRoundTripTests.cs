using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;
using Xunit;
using static Moonwire.Engine.Tests.Handshake.HeadFeed;

namespace Moonwire.Engine.Tests.Handshake;

/// <summary>Our client's request through our server and back: what each side writes, the other parses and agrees to.</summary>
public sealed class HandshakeRoundTripTests
{
    [Fact]
    public void ClientToServerToClient_AgreesOnSubprotocolExtensionsAndHeaders()
    {
        var request = new ClientHandshakeRequest(new Uri("wss://[::1]:8443/room/7?token=a%20b"), WebSocketKey.Create())
        {
            SubProtocols = ["chat.v1", "chat.v2"],
            ExtensionOffer = "permessage-deflate; client_max_window_bits",
            Origin = "https://app.example",
            Headers = [new("X-Trace", "1"), new("Cookie", "a=b; c=\"d, e\""), new("X-Trace", "2")],
        };
        var options = new ServerHandshakeOptions { SubProtocols = ["chat.v2", "chat.v1"], AllowedOrigins = ["https://app.example"] };
        using var wire = new ByteBuffer();

        ClientHandshake.WriteRequest(wire, request);
        var requestHead = ParseRequest(wire);
        var decision = ServerHandshake.Evaluate(requestHead, options);
        wire.Clear();
        ServerHandshake.WriteAccept(wire, decision.Key!, decision.SubProtocol, "permessage-deflate");
        var error = ClientHandshake.Validate(ParseResponse(wire), request, out var subProtocol, out var extensions);

        Assert.Equal("/room/7?token=a%20b", requestHead.Target);
        Assert.Equal("[::1]:8443", requestHead.Headers.Get("Host"));
        Assert.Equal(["1", "2"], requestHead.Headers.GetAll("x-trace"));
        Assert.Equal("a=b; c=\"d, e\"", requestHead.Headers.Get("Cookie"));
        Assert.True(decision.Accepted);
        Assert.Equal(request.Key, decision.Key);
        Assert.Equal(["permessage-deflate; client_max_window_bits"], decision.ExtensionOffers);
        Assert.Null(error);
        Assert.Equal("chat.v2", subProtocol);
        Assert.Equal("permessage-deflate", extensions);
    }

    [Fact]
    public void AMinimalRequest_IsAcceptedWithNothingExtra()
    {
        var request = new ClientHandshakeRequest(new Uri("ws://127.0.0.1:9001"), WebSocketKey.Create());
        using var wire = new ByteBuffer();

        ClientHandshake.WriteRequest(wire, request);
        var decision = ServerHandshake.Evaluate(ParseRequest(wire), new ServerHandshakeOptions { SubProtocols = ["chat"] });
        wire.Clear();
        ServerHandshake.WriteAccept(wire, decision.Key!, decision.SubProtocol, null);

        Assert.Null(ClientHandshake.Validate(ParseResponse(wire), request, out var subProtocol, out var extensions));
        Assert.Null(subProtocol);
        Assert.Null(extensions);
    }

    [Fact]
    public void ARejection_ReachesTheClientAsItsStatusAndReason()
    {
        var request = new ClientHandshakeRequest(new Uri("ws://h/"), WebSocketKey.Create()) { Origin = "https://evil.example" };
        using var wire = new ByteBuffer();

        ClientHandshake.WriteRequest(wire, request);
        var decision = ServerHandshake.Evaluate(ParseRequest(wire), new ServerHandshakeOptions { AllowedOrigins = ["https://app.example"] });
        wire.Clear();
        ServerHandshake.WriteRejection(wire, decision);
        var error = ClientHandshake.Validate(ParseResponse(wire), request, out _, out _);

        Assert.Equal(403, decision.StatusCode);
        Assert.StartsWith("The server answered 403 Forbidden", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerToAnotherKey_IsRefused()
    {
        var request = new ClientHandshakeRequest(new Uri("ws://h/"), WebSocketKey.Create());
        using var wire = new ByteBuffer();

        ServerHandshake.WriteAccept(wire, WebSocketKey.Create(), null, null);

        Assert.NotNull(ClientHandshake.Validate(ParseResponse(wire), request, out _, out _));
    }
}
