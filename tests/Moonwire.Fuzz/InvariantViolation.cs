namespace Moonwire.Fuzz;

/// <summary>A target found the code under test breaking one of its promises; the fuzzer reports it as a crash.</summary>
public sealed class InvariantViolation(string message) : Exception(message)
{
    public static void ThrowUnless(bool condition, string promise)
    {
        if (!condition)
        {
            throw new InvariantViolation(promise);
        }
    }
}
