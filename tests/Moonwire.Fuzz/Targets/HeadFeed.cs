using Moonwire.Engine.Handshake;

namespace Moonwire.Fuzz;

/// <summary>
/// Feeds an HTTP head to a parser the way the handshakes do: the buffer so far, growing chunk by chunk,
/// until the parser stops asking for more. The verdict must not depend on the chunk boundaries.
/// </summary>
internal static class HeadFeed
{
    /// <summary>Small limits, so the fuzzer reaches them quickly.</summary>
    public static readonly HttpLimits Limits = new() { MaxHeadBytes = 2048, MaxHeaderLineBytes = 512, MaxHeaderCount = 24 };

    public delegate HeadParseStatus Parser<T>(ReadOnlySpan<byte> input, HttpLimits limits, out T? head, out int consumed)
        where T : class;

    public static HeadParseStatus Parse<T>(Parser<T> parse, ReadOnlySpan<byte> input, byte seed, out T? head, out int consumed)
        where T : class
    {
        var plan = new ChunkPlan(seed);
        var length = 0;
        HeadParseStatus status;
        do
        {
            length += plan.Next(input.Length - length);
            status = parse(input[..length], Limits, out head, out consumed);
            InvariantViolation.ThrowUnless(status != HeadParseStatus.NeedMoreData || head is null, "no head before the blank line");
        }
        while (status == HeadParseStatus.NeedMoreData && length < input.Length);

        var again = parse(input, Limits, out var wholeHead, out var wholeConsumed);
        InvariantViolation.ThrowUnless(again == status, $"the verdict does not depend on chunking ({status} vs {again})");
        if (status == HeadParseStatus.Done)
        {
            InvariantViolation.ThrowUnless(head is not null && wholeHead is not null, "Done comes with a head");
            InvariantViolation.ThrowUnless(consumed == wholeConsumed && consumed > 0 && consumed <= Limits.MaxHeadBytes,
                "the head's length is the same however it arrived, and within the limit");
        }
        else if (status != HeadParseStatus.NeedMoreData)
        {
            InvariantViolation.ThrowUnless(HttpHeadParser.StatusCodeFor(status) is >= 400 and < 600, "every failure maps to an HTTP error status");
        }

        return status;
    }
}
