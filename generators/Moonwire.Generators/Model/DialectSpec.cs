namespace Moonwire.Generators.Model;

// The spec model: plain values only (no Roslyn objects, no YAML positions), so an edit that does
// not change the API (a comment, a blank line) yields an equal model and nothing is re-emitted.

/// <summary>One dialect's Lua API as its spec file describes it.</summary>
internal sealed record DialectSpec(
    string Dialect,
    string Document,
    string Title,
    EquatableArray<string> Notes,
    EquatableArray<string> Companions,
    EquatableArray<LimitSpec> Limits,
    EquatableArray<ModuleSpec> Modules,
    EquatableArray<UserdataSpec> Types,
    EquatableArray<TableSpec> Tables,
    EquatableArray<CallbackSpec> Callbacks,
    EquatableArray<EnumSpec> Enums);

internal sealed record LimitSpec(string Name, double Value, string? Unit, string Source);

/// <summary>A global (or <c>require</c>d) table. <paramref name="MethodCall"/>: scripts call its
/// functions with <c>:</c>.</summary>
internal sealed record ModuleSpec(
    string Path,
    bool MethodCall,
    bool Require,
    string Source,
    EquatableArray<FunctionSpec> Functions,
    EquatableArray<ConstantSpec> Constants);

internal sealed record ConstantSpec(string Name, string Type, string Value, string Source);

/// <summary>A function or method; a single signature is one overload carrying the function's source.</summary>
internal sealed record FunctionSpec(
    string Name,
    string Source,
    string? Doc,
    bool CoroutineOnly,
    bool Yields,
    EquatableArray<OverloadSpec> Overloads,
    EquatableArray<ReturnShape> Returns);

internal sealed record OverloadSpec(EquatableArray<ValueSpec> Params, string Source);

/// <summary>A parameter or a table field. <paramref name="Default"/> is the YAML scalar as written.
/// <paramref name="Extension"/>: Moonwire's addition, not in the document (spec check skips it).</summary>
internal sealed record ValueSpec(
    string Name,
    string Type,
    bool Optional,
    string? Default,
    RangeSpec? Range,
    string? Unit,
    bool Text,
    bool ReadOnly,
    bool Extension,
    string? Doc,
    string? Source);

internal sealed record RangeSpec(double Min, double Max);

internal sealed record ReturnShape(string When, EquatableArray<ResultSpec> Values);

internal sealed record ResultSpec(string? Name, string Type, string? Doc);

internal sealed record UserdataSpec(
    string Name,
    string Source,
    string? Doc,
    EquatableArray<ValueSpec> Fields,
    EquatableArray<FunctionSpec> Methods);

internal enum TableKind
{
    Options,
    Callbacks,
    Record,
}

internal sealed record TableSpec(string Name, TableKind Kind, string Source, string? Doc, EquatableArray<ValueSpec> Fields);

internal sealed record CallbackSpec(string Name, string Source, EquatableArray<ValueSpec> Params, EquatableArray<ReturnShape> Returns);

internal sealed record EnumSpec(string Name, string Source, EquatableArray<string> Values);
