using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

/// <summary>
/// A connection could not be opened or used: a failed handshake (with the peer's status and headers when
/// it answered), a send on a closed connection, a timeout.
/// </summary>
public sealed class WebSocketException : Exception
{
    public WebSocketException()
    {
    }

    public WebSocketException(string message)
        : base(message)
    {
    }

    public WebSocketException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The handshake response's status when the server answered with something other than 101.</summary>
    public int? HandshakeStatusCode { get; init; }

    /// <summary>The handshake response's headers, when there was a response.</summary>
    public HttpHeaderCollection? HandshakeHeaders { get; init; }
}
