using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Library;

/// <summary>
/// An <c>errors</c>-module error as Lua sees it: <c>err:kind()</c>, <c>err:message()</c>, <c>err:retryable()</c>
/// (null: the error does not say). Details and the stack of an <c>errors.new</c> stay in Lua (errors.lua).
/// </summary>
internal sealed record WippyError(string Kind, string Message, bool? Retryable)
{
    /// <summary>The registry name of the metatable errors.lua installs.</summary>
    public const string Metatable = "wippy.Error";

    // The kind strings of Wippy's errors module (errors.PERMISSION_DENIED == "PermissionDenied", …).
    public const string PermissionDenied = "PermissionDenied";
    public const string Internal = "Internal";
    public const string Invalid = "Invalid";
    public const string Timeout = "Timeout";

    public static WippyError Fatal(string kind, string message) => new(kind, message, Retryable: false);

    public void Push(LuaState L) => L.PushUserdata(this, Metatable);
}
