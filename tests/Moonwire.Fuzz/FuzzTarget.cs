namespace Moonwire.Fuzz;

/// <summary>
/// One fuzz target: runs the code under test on <paramref name="input"/> and throws
/// <see cref="InvariantViolation"/> (or lets an unexpected exception escape) when something is wrong.
/// </summary>
public delegate void FuzzTarget(ReadOnlySpan<byte> input);

/// <summary>Every target by the name scripts/fuzz and the corpus folders use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new Dictionary<string, FuzzTarget>
    {
        ["frame-reader"] = FrameReaderTarget.Run,
        ["http-request"] = HttpRequestTarget.Run,
        ["http-response"] = HttpResponseTarget.Run,
        ["extension-header"] = ExtensionHeaderTarget.Run,
        ["inflate"] = InflateTarget.Run,
    };
}
