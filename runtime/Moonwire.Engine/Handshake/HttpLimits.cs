namespace Moonwire.Engine.Handshake;

/// <summary>
/// Bounds on an HTTP/1.1 head, enforced while it is still arriving, so a peer that never sends the
/// blank line can make us buffer at most <see cref="MaxHeadBytes"/>.
/// </summary>
public sealed record HttpLimits
{
    /// <summary>The whole head: start line, header lines and the blank line, CRLFs included.</summary>
    public int MaxHeadBytes
    {
        get;
        init => field = Positive(value);
    } = 32 * 1024;

    /// <summary>One line without its CRLF; the request line too (over it: 414, a header line: 431).</summary>
    public int MaxHeaderLineBytes
    {
        get;
        init => field = Positive(value);
    } = 8 * 1024;

    /// <summary>Header lines, not counting the start line.</summary>
    public int MaxHeaderCount
    {
        get;
        init => field = Positive(value);
    } = 100;

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
