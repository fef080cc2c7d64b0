namespace Moonwire.Lua;

/// <summary>
/// An error a bound function's implementation wants raised in Lua with exactly this message; generated
/// code turns it into <c>Error, message</c>. Any other exception reads as an internal error.
/// </summary>
public sealed class LuaException : Exception
{
    /// <summary>An error without a message.</summary>
    public LuaException()
    {
    }

    /// <summary>An error Lua sees as <paramref name="message"/>.</summary>
    public LuaException(string message)
        : base(message)
    {
    }

    /// <summary>An error Lua sees as <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public LuaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
