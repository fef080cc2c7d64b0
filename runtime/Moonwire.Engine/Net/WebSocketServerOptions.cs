using System.Security.Cryptography.X509Certificates;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

/// <summary>Where a <see cref="WebSocketServer"/> listens and what it accepts; the defaults serve ws:// on loopback.</summary>
public sealed record WebSocketServerOptions
{
    /// <summary>Address to listen on; loopback unless told otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (read it from <see cref="WebSocketServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Limits and timing of each accepted connection.</summary>
    public WebSocketOptions Connection { get; init; } = new();

    /// <summary>Subprotocols and the Origin allow-list (null accepts every origin).</summary>
    public ServerHandshakeOptions Handshake { get; init; } = new();

    /// <summary>Accept permessage-deflate offers with these settings; null (the default) declines them.</summary>
    public PerMessageDeflateOptions? Deflate { get; init; }

    /// <summary>Serve wss:// with this certificate (with private key); null serves ws://.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>With TLS: require a client certificate that chains to one of these roots; null asks for none.</summary>
    public X509Certificate2Collection? ClientCertificateRoots { get; init; }

    /// <summary>TLS and the HTTP request must arrive within this time (slowloris, reliability row H-S7).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bounds on a client's request head.</summary>
    public HttpLimits RequestLimits { get; init; } = new();

    /// <summary>Connections still in their opening handshake; more are dropped at once (row H-S9).</summary>
    public int MaxPendingHandshakes { get; init; } = 1024;

    /// <summary>Handshaken connections waiting for <see cref="WebSocketServer.AcceptAsync"/>.</summary>
    public int AcceptQueueLength { get; init; } = 256;
}
