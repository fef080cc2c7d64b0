using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;

namespace Moonwire.Fuzz;

/// <summary>
/// The server's handshake on a hostile request: <see cref="HttpHeadParser.TryParseRequest"/>, then
/// <see cref="ServerHandshake.Evaluate"/> and the permessage-deflate choice. Whatever the server answers
/// must parse as a response, and an acceptance must satisfy a client's checks (RFC 6455 §4.1).
/// Input: byte 0 the chunk plan (bit 7: an Origin allow-list), then the request bytes.
/// </summary>
public static class HttpRequestTarget
{
    private static readonly ServerHandshakeOptions Open = new() { SubProtocols = ["chat", "superchat"] };
    private static readonly ServerHandshakeOptions Guarded = Open with { AllowedOrigins = ["http://app.example"] };

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var status = HeadFeed.Parse<HttpRequestHead>(HttpHeadParser.TryParseRequest, input[1..], input[0], out var head, out _);
        if (status != HeadParseStatus.Done)
        {
            return;
        }

        var decision = ServerHandshake.Evaluate(head!, (input[0] & 0x80) != 0 ? Guarded : Open);
        using var answer = new ByteBuffer();
        if (!decision.Accepted)
        {
            InvariantViolation.ThrowUnless(decision.StatusCode is >= 400 and < 600, "a refusal is an HTTP error");
            ServerHandshake.WriteRejection(answer, decision);
            var refusal = ParseAnswer(answer);
            InvariantViolation.ThrowUnless(refusal.StatusCode == decision.StatusCode, "the refusal carries the decided status");
            return;
        }

        InvariantViolation.ThrowUnless(decision.Key is not null && WebSocketKey.IsValid(decision.Key), "an acceptance has a valid key");
        string? extensions = null;
        if (DeflateNegotiation.TryAccept(decision.ExtensionOffers, new PerMessageDeflateOptions(), out var agreed, out var response))
        {
            InvariantViolation.ThrowUnless(agreed.ServerMaxWindowBits is >= 8 and <= 15 && agreed.ClientMaxWindowBits is >= 8 and <= 15,
                "agreed windows are 8..15 bits");
            InvariantViolation.ThrowUnless(ExtensionHeader.TryParse(response, out _), "the deflate response is a well-formed extension list");
            extensions = response;
        }

        ServerHandshake.WriteAccept(answer, decision.Key!, decision.SubProtocol, extensions);
        var accept = ParseAnswer(answer);
        var request = new ClientHandshakeRequest(new Uri("ws://127.0.0.1/"), decision.Key!)
        {
            SubProtocols = decision.SubProtocol is null ? [] : [decision.SubProtocol],
            ExtensionOffer = extensions is null ? null : DeflateNegotiation.ExtensionName,
        };
        var refused = ClientHandshake.Validate(accept, request, out _, out _);
        InvariantViolation.ThrowUnless(refused is null, $"a client accepts the server's 101 ({refused})");
    }

    private static HttpResponseHead ParseAnswer(ByteBuffer answer)
    {
        var status = HttpHeadParser.TryParseResponse(answer.ReadableSpan, new HttpLimits(), out var head, out _);
        InvariantViolation.ThrowUnless(status == HeadParseStatus.Done, $"the server's answer parses as a response ({status})");
        return head!;
    }
}
