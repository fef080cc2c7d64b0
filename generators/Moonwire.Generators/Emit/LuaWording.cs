namespace Moonwire.Generators.Emit;

/// <summary>Every message a generated binding gives Lua, worded as Lua's own auxiliary library words
/// them (<c>luaL_argerror</c>, <c>luaL_typeerror</c>, <c>luaL_checkoption</c>). The generated code
/// appends the run-time part (the type it got) to these.</summary>
internal static class LuaWording
{
    public static string ArgumentPrefix(int argument, string function) => $"bad argument #{argument} to '{function}' (";

    public static string Field(string field) => $"field '{field}': ";

    public static string BadSelf(string function) => $"calling '{function}' on bad self";

    public static string CoroutineOnly(string function) => $"'{function}' must be called inside a coroutine";

    public const string ExpectedGot = " expected, got ";
    public const string NoInteger = "number has no integer representation";
    public const string OutOfRange = "value out of range";
    public const string InvalidOption = "invalid option '";
    public const string ValueExpected = "value expected";
    public const string ReadOnlyField = "cannot assign to field '";
    public const string InternalError = "internal error: ";

    /// <summary>Lua's name for a set of accepted types: "function or table".</summary>
    public static string Expected(System.Collections.Generic.IEnumerable<string> names) => string.Join(" or ", names);
}
