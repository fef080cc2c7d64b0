using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

public sealed record WebSocketClientOptions
{
    public WebSocketOptions Connection { get; init; } = new();

    /// <summary>Subprotocols to offer, in order of preference.</summary>
    public IReadOnlyList<string> SubProtocols { get; init; } = [];

    /// <summary>Extra request headers; a name may repeat (one header line each).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? Origin { get; init; }

    /// <summary>Offer permessage-deflate with these settings; null offers nothing.</summary>
    public PerMessageDeflateOptions? Deflate { get; init; }

    /// <summary>TCP connect, TLS and the HTTP exchange together must finish within this time.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bounds on the server's response head (64 KiB, like SocketsHttpHandler).</summary>
    public HttpLimits ResponseLimits { get; init; } = new() { MaxHeadBytes = 64 * 1024, MaxHeaderLineBytes = 64 * 1024, MaxHeaderCount = 256 };

    public ClientTlsOptions Tls { get; init; } = new();
}
