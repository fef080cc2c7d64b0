using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Net;

/// <summary>
/// A connection could not be opened or used: a failed handshake (with the peer's status and headers when
/// it answered), a send on a closed connection, a timeout.
/// </summary>
public sealed class WebSocketException : Exception
{
    /// <summary>A failure without a message.</summary>
    public WebSocketException()
    {
    }

    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public WebSocketException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public WebSocketException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The handshake response's status when the server answered with something other than 101.</summary>
    public int? HandshakeStatusCode { get; init; }

    /// <summary>The handshake response's headers, when there was a response.</summary>
    public HttpHeaderCollection? HandshakeHeaders { get; init; }
}
