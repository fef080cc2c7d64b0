namespace Moonwire.Engine.Handshake;

/// <summary>What a client asks for in its opening handshake (RFC 6455 §4.1).</summary>
public sealed class ClientHandshakeRequest(Uri uri, string key)
{
    /// <summary>The ws:// or wss:// URL; its path and query become the request target.</summary>
    public Uri Uri { get; } = uri;

    /// <summary>The Sec-WebSocket-Key nonce, from <see cref="WebSocketKey.Create"/>.</summary>
    public string Key { get; } = key;

    /// <summary>Subprotocols offered, most preferred first.</summary>
    public IReadOnlyList<string> SubProtocols { get; init; } = [];

    /// <summary>The Sec-WebSocket-Extensions value to offer, or null to offer none.</summary>
    public string? ExtensionOffer { get; init; }

    /// <summary>Extra header lines, in order; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The Origin header to send, or null for none.</summary>
    public string? Origin { get; init; }
}
