namespace Moonwire.Engine.Framing;

/// <summary>The outcome of <see cref="FrameHeader.TryRead"/>.</summary>
public enum FrameHeaderStatus
{
    /// <summary>A whole header was read.</summary>
    Done,
    /// <summary>The input ends inside the header; call again with more bytes.</summary>
    NeedMoreData,
    /// <summary>A 64-bit length whose most significant bit is set (RFC 6455 §5.2: it MUST be 0).</summary>
    PayloadLengthTopBitSet,
}
