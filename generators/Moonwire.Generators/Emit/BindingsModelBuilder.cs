using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Moonwire.Generators.Model;

namespace Moonwire.Generators.Emit;

/// <summary>Turns a <see cref="DialectSpec"/> into the view the templates lay out: C# names, the
/// reader call for each argument, dispatch tables, the Lua-side statements.</summary>
internal sealed class BindingsModelBuilder
{
    private const string Fail = "return LuaArgs.ErrorResults;";
    private readonly DialectSpec _spec;
    private readonly TypeCatalog _catalog;
    private readonly string _dialectPascal;

    private BindingsModelBuilder(DialectSpec spec)
    {
        _spec = spec;
        _catalog = TypeCatalog.For(spec);
        _dialectPascal = Naming.Pascal(spec.Dialect);
    }

    public static DialectView Build(DialectSpec spec) => new BindingsModelBuilder(spec).Build();

    private DialectView Build()
    {
        var modules = _spec.Modules.Select(BuildModule).ToArray();
        var types = _spec.Types.Select(BuildType).ToArray();
        var rawCount = modules.Sum(m => m.Functions.Count) + types.Sum(t => t.Methods.Count + t.Fields.Count + 1);
        return new DialectView(
            _spec.Document,
            _spec.Dialect,
            "Moonwire.Dialects." + _dialectPascal,
            _dialectPascal + "Bindings",
            "=" + _spec.Dialect,
            modules,
            types,
            _spec.Tables.Where(t => t.Kind != TableKind.Record).Select(BuildTable).ToArray(),
            _spec.Enums.Select(e => new EnumView(
                e.Name,
                e.Source,
                "Read" + e.Name,
                e.Values.Select(v => new EnumMemberView(v, Naming.Pascal(v))).ToArray())).ToArray(),
            rawCount);
    }

    private ModuleView BuildModule(ModuleSpec module)
    {
        var pascal = Naming.Pascal(module.Path);
        var contract = "I" + pascal + "Module";
        var functions = module.Functions
            .Select(f => BuildFunction(f, pascal + Naming.Pascal(f.Name), contract, isMethod: false))
            .ToArray();
        return new ModuleView(
            module.Path,
            module.Source,
            contract,
            Naming.Camel(module.Path),
            module.MethodCall,
            module.Require,
            functions,
            ConstantAssignments(module.Constants));
    }

    private static IReadOnlyList<string> ConstantAssignments(IEnumerable<ConstantSpec> constants)
    {
        var lines = new List<string>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var constant in constants)
        {
            var parts = constant.Name.Split('.');
            var target = "M";
            for (var i = 0; i < parts.Length - 1; i++)
            {
                target += $"[{LuaString(parts[i])}]";
                if (created.Add(target))
                {
                    lines.Add($"{target} = {target} or {{}}");
                }
            }
            var value = constant.Type == "string" ? LuaString(constant.Value) : constant.Value;
            lines.Add($"{target}[{LuaString(parts[parts.Length - 1])}] = {value}");
        }
        return lines;
    }

    private TypeView BuildType(UserdataSpec type)
    {
        var contract = "I" + type.Name;
        var methods = type.Methods
            .Select(m => BuildFunction(m, type.Name + Naming.Pascal(m.Name), contract, isMethod: true))
            .ToArray();
        var fields = type.Fields.Select(f => BuildField(type, f)).ToArray();
        return new TypeView(
            type.Name,
            type.Source,
            contract,
            _spec.Dialect + "." + type.Name,
            type.Name + "Metatable",
            methods,
            fields,
            type.Name + "Release");
    }

    private FieldView BuildField(UserdataSpec owner, ValueSpec field)
    {
        var pascal = Naming.Pascal(field.Name);
        var raw = owner.Name + "Get" + pascal;
        var source = field.Source ?? owner.Source;
        var badSelf = Naming.Literal(LuaWording.BadSelf(field.Name));
        return field.Type switch
        {
            "integer" => new FieldView(field.Name, source, pascal, "long", $"L.PushInteger(self.{pascal})", raw, badSelf),
            "number" => new FieldView(field.Name, source, pascal, "double", $"L.PushNumber(self.{pascal})", raw, badSelf),
            "boolean" => new FieldView(field.Name, source, pascal, "bool", $"L.PushBoolean(self.{pascal})", raw, badSelf),
            "string" => new FieldView(field.Name, source, pascal, "string", $"L.PushString(self.{pascal})", raw, badSelf),
            _ => new FieldView(field.Name, source, "Push" + pascal, null, $"self.Push{pascal}(L)", raw, badSelf),
        };
    }

    private FunctionView BuildFunction(FunctionSpec function, string raw, string contract, bool isMethod)
    {
        var offset = isMethod ? 1 : 0;
        var single = function.Overloads.Count == 1;
        var overloads = function.Overloads
            .Select((o, i) => BuildOverload(function, o, single ? raw + "Body" : raw + (i + 1).ToString(CultureInfo.InvariantCulture), offset))
            .ToArray();

        var discriminator = single ? 0 : _catalog.FindDiscriminator(function.Overloads.ToArray()) ?? 0;
        var dispatch = new List<DispatchCase>();
        var expected = new List<string>();
        if (!single)
        {
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (overload, view) in function.Overloads.Zip(overloads, (o, v) => (o, v)))
            {
                var parameter = discriminator <= overload.Params.Count ? overload.Params[discriminator - 1] : null;
                var accepted = parameter is null ? ["nil"] : _catalog.LuaTypes(parameter.Type, parameter.Optional);
                var cases = accepted.Where(claimed.Add).ToArray();
                if (parameter is not null)
                {
                    expected.AddRange(_catalog.ExpectedNames(parameter.Type).Where(n => !expected.Contains(n)));
                }
                dispatch.Add(new DispatchCase(string.Join(" or ", cases.SelectMany(KeraLuaTypes)), view.Raw));
            }
        }

        return new FunctionView(
            function.Name,
            Naming.Pascal(function.Name),
            raw,
            function.Source,
            function.Doc,
            function.CoroutineOnly,
            LuaString(LuaWording.CoroutineOnly(function.Name)),
            function.Yields,
            SingleResult: function.Returns.All(r => r.Values.Count <= 1),
            isMethod ? contract : null,
            Naming.Literal(LuaWording.BadSelf(function.Name)),
            contract,
            isMethod ? "self" : "target",
            overloads,
            discriminator + offset,
            dispatch,
            single
                ? ""
                : $"LuaArgs.TypeErrorResults(L, {discriminator + offset}, {Naming.Literal(LuaWording.ArgumentPrefix(discriminator, function.Name))}, \"\", {Naming.Literal(LuaWording.Expected(expected))})",
            string.Join("; ", function.Returns.Select(DescribeShape)));
    }

    private OverloadView BuildOverload(FunctionSpec function, OverloadSpec overload, string raw, int offset)
    {
        var arguments = overload.Params
            .Select((p, i) =>
            {
                var index = (i + 1 + offset).ToString(CultureInfo.InvariantCulture);
                return BuildArgument(p, index, Naming.Literal(LuaWording.ArgumentPrefix(i + 1, function.Name)), "\"\"", Naming.Camel(p.Name));
            })
            .ToArray();
        var parameters = new[] { "LuaState L" }
            .Concat(overload.Params.Zip(arguments, (p, a) => ContractType(a) + " " + a.Local));
        var call = new[] { "L" }.Concat(arguments.Select(a => a.Local));
        return new OverloadView(raw, overload.Source, string.Join(", ", parameters), string.Join(", ", call), arguments);
    }

    private TableView BuildTable(TableSpec table)
    {
        var fields = table.Fields
            .Select(f =>
            {
                var slot = Naming.Camel(f.Name).TrimStart('@') + "At";
                var argument = BuildArgument(f, slot, "prefix", Naming.Literal(LuaWording.Field(f.Name)), Naming.Camel(f.Name));
                var check = table.Kind == TableKind.Callbacks
                    ? $"LuaArgs.FieldIs(L, index, {Naming.Literal(f.Name)}, {f.Optional.ToString().ToLowerInvariant()}, LuaType.Function, prefix, {Naming.Literal(LuaWording.Field(f.Name))}, \"function\")"
                    : null;
                return new TableFieldView(f.Name, Naming.Pascal(f.Name), ContractType(argument), slot, argument, check);
            })
            .ToArray();
        return new TableView(table.Name, table.Source, table.Kind == TableKind.Options, "Read" + table.Name, fields);
    }

    /// <summary>How one value is read: the reader call (completed by the template with
    /// <c>, out T local)</c>), the C# type, and what absence means.</summary>
    private ArgumentView BuildArgument(ValueSpec value, string index, string prefix, string field, string local)
    {
        var terms = LuaTypeExpression.Parse(value.Type);
        var optional = value.Optional || terms.Any(t => t.Name == "nil");
        var rest = terms.Where(t => t.Name != "nil").ToArray();
        var head = $"(L, {index}, {prefix}, {field}";

        ArgumentView Typed(string reader, string type, Func<string, string> literal)
        {
            var mode = !optional ? "required" : value.Default is null ? "nullable" : "default";
            var range = value.Range is { } r && type is "long" or "double"
                ? $"LuaArgs.InRange(L, {(mode == "nullable" ? local + " ?? " + Number(r.Min) : local)}, {Number(r.Min)}, {Number(r.Max)}, {prefix}, {field})"
                : null;
            return new ArgumentView(value.Name, index, local, type, mode, value.Default is null ? "null" : literal(value.Default), reader + head, range, value.Doc);
        }

        ArgumentView ByIndex()
        {
            var accepted = _catalog.LuaTypes(value.Type, optional: false).Where(t => t != "nil");
            var condition = $"L.TypeAt({index}) is {string.Join(" or ", accepted.SelectMany(KeraLuaTypes))}";
            return new ArgumentView(
                value.Name, index, local, "int", optional ? "default" : "required", "0",
                $"LuaArgs.ReadIndex{head}, {condition}, {Naming.Literal(LuaWording.Expected(_catalog.ExpectedNames(value.Type)))}", null, value.Doc);
        }

        if (rest.Length != 1 || rest[0].Kind is TypeTermKind.List or TypeTermKind.Map)
        {
            return ByIndex();
        }
        var term = rest[0];
        if (term.Kind == TypeTermKind.Base)
        {
            return term.Name switch
            {
                "string" when value.Text => Typed("LuaArgs.ReadText", "string", Naming.Literal),
                "string" when value.Default is not null || !optional => Typed("LuaArgs.ReadBytes", "ReadOnlySpan<byte>", d => Naming.Literal(d) + "u8"),
                "integer" => Typed("LuaArgs.ReadInteger", "long", d => d),
                "number" => Typed("LuaArgs.ReadNumber", "double", d => d),
                "boolean" => Typed("LuaArgs.ReadBoolean", "bool", d => d),
                "any" => new ArgumentView(value.Name, index, local, "int", optional ? "default" : "required", "0", "LuaArgs.ReadAny" + head, null, value.Doc),
                _ => ByIndex(),
            };
        }
        return _catalog.KindOf(term.Name) switch
        {
            NamedTypeKind.Userdata => Typed("Read" + term.Name, "I" + term.Name, _ => "null"),
            NamedTypeKind.Enum => Typed("Read" + term.Name, term.Name, d => term.Name + "." + Naming.Pascal(d)),
            NamedTypeKind.OptionsTable => new ArgumentView(
                value.Name, index, local, term.Name, "required", "default",
                $"Read{term.Name}(L, {index}, {prefix}, {field}, {optional.ToString().ToLowerInvariant()}", null, value.Doc),
            NamedTypeKind.CallbackTable => new ArgumentView(
                value.Name, index, local, "int", optional ? "default" : "required", "0", "Read" + term.Name + head, null, value.Doc),
            _ => ByIndex(),
        };
    }

    private static string ContractType(ArgumentView argument) =>
        argument.Mode == "nullable" ? argument.ValueType + "?" : argument.ValueType;

    private static IEnumerable<string> KeraLuaTypes(string luaType) => luaType switch
    {
        "nil" => ["LuaType.Nil", "LuaType.None"],
        "boolean" => ["LuaType.Boolean"],
        "number" => ["LuaType.Number"],
        "string" => ["LuaType.String"],
        "table" => ["LuaType.Table"],
        "function" => ["LuaType.Function"],
        "userdata" => ["LuaType.UserData"],
        "thread" => ["LuaType.Thread"],
        _ => [],
    };

    private static string DescribeShape(ReturnShape shape) =>
        shape.When + ": " + (shape.Values.Count == 0
            ? "nothing"
            : string.Join(", ", shape.Values.Select(v => v.Name is null ? v.Type : v.Name + ": " + v.Type)));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A Lua string literal (the chunk is UTF-8; only quotes and backslashes need escaping).</summary>
    private static string LuaString(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
