namespace Moonwire.Lua;

/// <summary>
/// An error a bound function's implementation wants raised in Lua with exactly this message; generated
/// code turns it into <c>Error, message</c>. Any other exception reads as an internal error.
/// </summary>
public sealed class LuaException : Exception
{
    public LuaException()
    {
    }

    public LuaException(string message)
        : base(message)
    {
    }

    public LuaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
