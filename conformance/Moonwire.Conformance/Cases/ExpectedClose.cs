namespace Moonwire.Conformance.Cases;

/// <summary>
/// How the connection should end: who starts the closing handshake (or fails the connection), which
/// codes the testee may send, and whether the TCP connection must end cleanly.
/// </summary>
public sealed record ExpectedClose(bool ClosedByMe, IReadOnlyList<int> Codes, bool RequireClean)
{
    public const int Normal = 1000;
    public const int ProtocolError = 1002;
    public const int InvalidPayload = 1007;

    /// <summary>The fuzzer closes with 1000 once the testee did what was expected.</summary>
    public static ExpectedClose CleanNormal { get; } = new(true, [Normal], true);

    /// <summary>The testee fails the connection (a close frame with this code, or just a TCP drop).</summary>
    public static ExpectedClose FailedByPeer(params int[] codes) => new(false, codes, false);
}
