namespace Moonwire.Engine.Protocol;

/// <summary>Status codes of a Close frame (RFC 6455 §7.4.1) and the rules for which may cross the wire.</summary>
public static class CloseCode
{
    /// <summary>The purpose of the connection is fulfilled.</summary>
    public const ushort Normal = 1000;
    /// <summary>An endpoint is going away: a server shutting down, a page navigated away.</summary>
    public const ushort GoingAway = 1001;
    /// <summary>The peer broke the protocol.</summary>
    public const ushort ProtocolError = 1002;
    /// <summary>A data type the endpoint cannot accept, e.g. binary where only text is understood.</summary>
    public const ushort UnsupportedData = 1003;
    /// <summary>Reported locally when a Close had no status; never sent.</summary>
    public const ushort NoStatus = 1005;
    /// <summary>Reported locally when the connection dropped without a Close; never sent.</summary>
    public const ushort Abnormal = 1006;
    /// <summary>Data inconsistent with the message type, e.g. invalid UTF-8 in text.</summary>
    public const ushort InvalidPayload = 1007;
    /// <summary>A message that violates the endpoint's policy.</summary>
    public const ushort PolicyViolation = 1008;
    /// <summary>A message too big to process.</summary>
    public const ushort MessageTooBig = 1009;
    /// <summary>The client expected an extension the server did not agree to.</summary>
    public const ushort MandatoryExtension = 1010;
    /// <summary>The server hit an unexpected condition.</summary>
    public const ushort InternalError = 1011;
    /// <summary>The server is restarting (IANA registry).</summary>
    public const ushort ServiceRestart = 1012;
    /// <summary>The server is overloaded; try again later (IANA registry).</summary>
    public const ushort TryAgainLater = 1013;
    /// <summary>A gateway got an invalid response upstream (IANA registry).</summary>
    public const ushort BadGateway = 1014;
    /// <summary>Reported locally when TLS failed; never sent.</summary>
    public const ushort TlsHandshake = 1015;

    /// <summary>
    /// Whether a code may appear in a Close frame on the wire: 1000–1003, 1007–1014 and 3000–4999.
    /// 1004 is reserved, 1005/1006/1015 are local-only, 1016–2999 are unassigned (RFC 6455 §7.4.2).
    /// </summary>
    public static bool IsValidOnWire(int code) =>
        code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
}
