using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

/// <summary>How <see cref="WebSocketClient"/> opens a connection; the defaults suit a plain ws:// client.</summary>
public sealed record WebSocketClientOptions
{
    /// <summary>Limits and timing of the connection once open.</summary>
    public WebSocketOptions Connection { get; init; } = new();

    /// <summary>Subprotocols to offer, in order of preference.</summary>
    public IReadOnlyList<string> SubProtocols { get; init; } = [];

    /// <summary>Extra request headers; a name may repeat (one header line each).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The Origin header to send, or null for none.</summary>
    public string? Origin { get; init; }

    /// <summary>Offer permessage-deflate with these settings; null offers nothing.</summary>
    public PerMessageDeflateOptions? Deflate { get; init; }

    /// <summary>TCP connect, TLS and the HTTP exchange together must finish within this time.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bounds on the server's response head (64 KiB, like SocketsHttpHandler).</summary>
    public HttpLimits ResponseLimits { get; init; } = new() { MaxHeadBytes = 64 * 1024, MaxHeaderLineBytes = 64 * 1024, MaxHeaderCount = 256 };

    /// <summary>How wss:// servers are checked; the system trust store by default.</summary>
    public ClientTlsOptions Tls { get; init; } = new();
}
