namespace Moonwire.Lua;

/// <summary>How a finished wait resumes its coroutine: pushes the status and results.</summary>
internal interface IWaitOutcome
{
    /// <summary>Pushes <c>Ok, results</c> or <c>Error, message</c>; returns how many values.</summary>
    int PushTo(LuaState L);
}
