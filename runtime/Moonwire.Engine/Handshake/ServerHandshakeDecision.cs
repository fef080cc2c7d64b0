namespace Moonwire.Engine.Handshake;

/// <summary>A server's verdict on an upgrade request: 101 with what was agreed, or an HTTP error to answer with.</summary>
public sealed class ServerHandshakeDecision
{
    /// <summary>True for a 101: the connection upgrades.</summary>
    public bool Accepted => StatusCode == 101;

    /// <summary>101 when accepted, else the HTTP status to refuse with.</summary>
    public required int StatusCode { get; init; }

    /// <summary>For a rejection, a short human explanation; it becomes the response body.</summary>
    public required string Reason { get; init; }

    /// <summary>The client's Sec-WebSocket-Key, when accepted.</summary>
    public string? Key { get; init; }

    /// <summary>The subprotocol chosen, when accepted and both sides share one.</summary>
    public string? SubProtocol { get; init; }

    /// <summary>Each element of every Sec-WebSocket-Extensions line, in the client's order of preference.</summary>
    public IReadOnlyList<string> ExtensionOffers { get; init; } = [];

    /// <summary>Extra header lines of a rejection, e.g. Allow: GET for a 405.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];
}
