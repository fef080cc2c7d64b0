using System.Collections.Generic;

namespace Moonwire.Generators.Emit;

// What the templates see. The builder decides every name, literal and call; the templates only lay
// them out. Scriban reads these properties in snake_case (ReadCall → read_call).

internal sealed record DialectView(
    string Document,
    string Dialect,
    string Namespace,
    string ClassName,
    string ChunkName,
    IReadOnlyList<ModuleView> Modules,
    IReadOnlyList<TypeView> Types,
    IReadOnlyList<TableView> Tables,
    IReadOnlyList<EnumView> Enums,
    int RawFunctionCount);

internal sealed record ModuleView(
    string Path,
    string Source,
    string Interface,
    string Parameter,
    bool MethodCall,
    bool Require,
    IReadOnlyList<FunctionView> Functions,
    IReadOnlyList<string> ConstantAssignments);

internal sealed record TypeView(
    string Name,
    string Source,
    string Interface,
    string Metatable,
    string MetatableConstant,
    IReadOnlyList<FunctionView> Methods,
    IReadOnlyList<FieldView> Fields,
    string ReleaseRaw);

/// <summary>A read-only userdata field: a typed property, or a Push method for a table value.</summary>
internal sealed record FieldView(string LuaName, string Source, string Member, string? PropertyType, string PushCall, string Raw, string BadSelf);

internal sealed record FunctionView(
    string LuaName,
    string CsName,
    string Raw,
    string Source,
    string? Doc,
    bool CoroutineOnly,
    string CoroutineMessage,
    bool Yields,
    bool SingleResult,
    string? SelfInterface,
    string BadSelf,
    string ModuleInterface,
    string Target,
    IReadOnlyList<OverloadView> Overloads,
    int Discriminator,
    IReadOnlyList<DispatchCase> Dispatch,
    string DispatchFailure,
    string Returns);

internal sealed record DispatchCase(string LuaType, string Raw);

internal sealed record OverloadView(string Raw, string Source, string ContractParameters, string CallArguments, IReadOnlyList<ArgumentView> Arguments);

/// <summary>One argument or table field. <see cref="Mode"/>: required, default (absent means
/// <see cref="DefaultLiteral"/>) or nullable (absent means null).</summary>
internal sealed record ArgumentView(
    string LuaName,
    string Index,
    string Local,
    string ValueType,
    string Mode,
    string DefaultLiteral,
    string ReadCall,
    string? RangeCheck,
    string? Doc);

internal sealed record TableView(
    string Name,
    string Source,
    bool IsOptions,
    string Reader,
    IReadOnlyList<TableFieldView> Fields);

internal sealed record TableFieldView(string LuaName, string Member, string MemberType, string Slot, ArgumentView Argument, string? CallbackCheck);

internal sealed record EnumView(string Name, string Source, string Reader, IReadOnlyList<EnumMemberView> Members);

internal sealed record EnumMemberView(string LuaName, string Member);
