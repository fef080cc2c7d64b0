namespace Moonwire.Lua;

/// <summary>
/// The first value every bound C function returns. The generated Lua wrapper, not C#, raises or yields
/// on it, because a <c>lua_error</c> or <c>lua_yield</c> would longjmp across .NET frames.
/// </summary>
public static class BoundStatus
{
    /// <summary>The results follow.</summary>
    public const int Ok = 0;

    /// <summary>An error message follows; the wrapper raises it at the caller's line.</summary>
    public const int Error = 1;

    /// <summary>A wait id follows; the wrapper yields until the host resumes it with the outcome.</summary>
    public const int Pending = 2;
}
