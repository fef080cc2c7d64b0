namespace Moonwire.Engine.Handshake;

/// <summary>A parsed status line and its header fields (RFC 9112 §4).</summary>
public sealed class HttpResponseHead
{
    public required int StatusCode { get; init; }

    /// <summary>The reason phrase as sent; may be empty.</summary>
    public string Reason { get; init; } = "";

    public string Version { get; init; } = "HTTP/1.1";

    public HttpHeaderCollection Headers { get; init; } = new();
}
