using System.Net;
using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

/// <summary>
/// What the opening handshake carried: for a client the server's response headers, for a server the
/// client's request headers and target.
/// </summary>
public sealed record HandshakeInfo(
    string RequestTarget,
    HttpHeaderCollection Headers,
    string? SubProtocol,
    string? Extensions,
    EndPoint? RemoteEndPoint);
