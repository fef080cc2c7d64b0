using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;

namespace Moonwire.Fuzz;

/// <summary>
/// The client's handshake on a hostile response: <see cref="HttpHeadParser.TryParseResponse"/>, then
/// <see cref="ClientHandshake.Validate"/> and the check of the server's permessage-deflate answer. Whatever
/// the client agrees to must stay within what it offered (RFC 7692 §7.1). Input: byte 0 the chunk plan
/// (bits 5–7 pick the deflate offer), then the response bytes. The request's key is RFC 6455's example
/// "dGhlIHNhbXBsZSBub25jZQ==", so seeds can carry the matching Sec-WebSocket-Accept.
/// </summary>
public static class HttpResponseTarget
{
    private static readonly PerMessageDeflateOptions[] Offers =
    [
        new(),
        new() { ClientNoContextTakeover = true },
        new() { ServerNoContextTakeover = true },
        new() { ServerMaxWindowBits = 10 },
        new() { ClientMaxWindowBits = 9 },
        new() { ServerMaxWindowBits = 8, ClientMaxWindowBits = 8, ServerNoContextTakeover = true, ClientNoContextTakeover = true },
        new() { ServerMaxWindowBits = 12, ClientNoContextTakeover = true },
        new() { ClientMaxWindowBits = 14, ServerNoContextTakeover = true },
    ];

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var status = HeadFeed.Parse<HttpResponseHead>(HttpHeadParser.TryParseResponse, input[1..], input[0], out var head, out _);
        if (status != HeadParseStatus.Done)
        {
            return;
        }

        InvariantViolation.ThrowUnless(head!.StatusCode is >= 0 and <= 999, "a status code has three digits");
        var offer = Offers[input[0] >> 5];
        var request = new ClientHandshakeRequest(new Uri("ws://127.0.0.1/"), "dGhlIHNhbXBsZSBub25jZQ==")
        {
            SubProtocols = ["chat", "superchat"],
            ExtensionOffer = DeflateNegotiation.CreateOffer(offer),
        };
        if (ClientHandshake.Validate(head, request, out var subProtocol, out var extensions) is not null)
        {
            return;
        }

        InvariantViolation.ThrowUnless(subProtocol is null || request.SubProtocols.Contains(subProtocol), "the subprotocol is one we offered");
        if (extensions is null || !DeflateNegotiation.TryParseResponse(extensions, offer, out var agreed, out _))
        {
            return;
        }

        InvariantViolation.ThrowUnless(agreed.ClientMaxWindowBits is >= 8 and <= 15 && agreed.ClientMaxWindowBits <= offer.ClientMaxWindowBits,
            "we compress with a window we offered");
        InvariantViolation.ThrowUnless(agreed.ServerMaxWindowBits is >= 8 and <= 15 && agreed.ServerMaxWindowBits <= offer.ServerMaxWindowBits,
            "the server compresses with a window we allowed");
        InvariantViolation.ThrowUnless(agreed.ServerNoContextTakeover || !offer.ServerNoContextTakeover, "a requested server_no_context_takeover holds");
        InvariantViolation.ThrowUnless(agreed.ClientNoContextTakeover || !offer.ClientNoContextTakeover, "an offered client_no_context_takeover holds");
    }
}
