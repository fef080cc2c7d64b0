namespace Moonwire.Engine.Handshake;

/// <summary>What a server accepts in an opening handshake, beyond RFC 6455's own checks.</summary>
public sealed record ServerHandshakeOptions
{
    /// <summary>Subprotocols we speak, in our order of preference: the first of ours the client offered is chosen.</summary>
    public IReadOnlyList<string> SubProtocols { get; init; } = [];

    /// <summary>
    /// Origins allowed to connect (compared ignoring case, e.g. "https://app.example"); null allows any.
    /// With a list, a request without an Origin header is refused too (RFC 6455 §10.2) unless
    /// <see cref="AllowMissingOrigin"/> says otherwise.
    /// </summary>
    public IReadOnlyList<string>? AllowedOrigins { get; init; }

    /// <summary>
    /// With <see cref="AllowedOrigins"/>: accept requests that carry no Origin at all. Browsers always send
    /// one, so this lets non-browser clients in without opening the door to other sites (python-websockets'
    /// None entry in <c>origins</c>).
    /// </summary>
    public bool AllowMissingOrigin { get; init; }
}
