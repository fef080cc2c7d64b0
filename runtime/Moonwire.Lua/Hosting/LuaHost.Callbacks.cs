namespace Moonwire.Lua;

// Lua functions that C# calls later (a dialect's callbacks, kept with LuaState.Reference).
public sealed partial class LuaHost
{
    /// <summary>
    /// Calls the function under its <paramref name="argumentCount"/> arguments on the main state as a
    /// callback: an error is reported like any callback error and the host goes on. Host thread only.
    /// </summary>
    public bool Callback(int argumentCount)
    {
        EnsureHostThread();
        var error = Call(argumentCount);
        if (error is not null)
        {
            ReportError(error);
        }

        return error is null;
    }
}
