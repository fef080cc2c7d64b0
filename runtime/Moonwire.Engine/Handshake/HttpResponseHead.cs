namespace Moonwire.Engine.Handshake;

/// <summary>A parsed status line and its header fields (RFC 9112 §4).</summary>
public sealed class HttpResponseHead
{
    /// <summary>The three-digit status, e.g. 101.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The reason phrase as sent; may be empty.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The protocol version, e.g. HTTP/1.1.</summary>
    public string Version { get; init; } = "HTTP/1.1";

    /// <summary>The header fields in order.</summary>
    public HttpHeaderCollection Headers { get; init; } = new();
}
