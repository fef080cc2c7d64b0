namespace Moonwire.Engine.Protocol;

/// <summary>Status codes of a Close frame (RFC 6455 §7.4.1) and the rules for which may cross the wire.</summary>
public static class CloseCode
{
    public const ushort Normal = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;
    /// <summary>Reported locally when a Close had no status; never sent.</summary>
    public const ushort NoStatus = 1005;
    /// <summary>Reported locally when the connection dropped without a Close; never sent.</summary>
    public const ushort Abnormal = 1006;
    public const ushort InvalidPayload = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort MandatoryExtension = 1010;
    public const ushort InternalError = 1011;
    public const ushort ServiceRestart = 1012;
    public const ushort TryAgainLater = 1013;
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
