namespace Moonwire.Engine.Handshake;

/// <summary>A parsed request line and its header fields (RFC 9112 §3).</summary>
public sealed class HttpRequestHead
{
    /// <summary>Case-sensitive (RFC 9110 §9.1): "get" is not GET.</summary>
    public required string Method { get; init; }

    /// <summary>The request-target as sent, e.g. /chat?room=1.</summary>
    public required string Target { get; init; }

    /// <summary>The protocol version, e.g. HTTP/1.1.</summary>
    public string Version { get; init; } = "HTTP/1.1";

    /// <summary>The header fields in order.</summary>
    public HttpHeaderCollection Headers { get; init; } = new();
}
