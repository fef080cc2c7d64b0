namespace Moonwire.Engine.Handshake;

/// <summary>A server's verdict on an upgrade request: 101 with what was agreed, or an HTTP error to answer with.</summary>
public sealed class ServerHandshakeDecision
{
    public bool Accepted => StatusCode == 101;

    public required int StatusCode { get; init; }

    /// <summary>For a rejection, a short human explanation; it becomes the response body.</summary>
    public required string Reason { get; init; }

    /// <summary>The client's Sec-WebSocket-Key, when accepted.</summary>
    public string? Key { get; init; }

    public string? SubProtocol { get; init; }

    /// <summary>Each element of every Sec-WebSocket-Extensions line, in the client's order of preference.</summary>
    public IReadOnlyList<string> ExtensionOffers { get; init; } = [];

    /// <summary>Extra header lines of a rejection, e.g. Allow: GET for a 405.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];
}
