using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Moonwire.Generators.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Moonwire.Generators.Parsing;

/// <summary>Reads one spec file (YAML) into a <see cref="DialectSpec"/> and checks it: unknown types,
/// duplicate names, missing sources, overloads no argument tells apart. Every problem carries the
/// file and line it points at.</summary>
internal sealed class SpecParser
{
    private readonly string _path;
    private readonly List<SpecDiagnostic> _diagnostics = [];
    private TypeCatalog _catalog = new(new Dictionary<string, NamedTypeKind>());

    private SpecParser(string path) => _path = path;

    public static ParseResult Parse(string path, string text)
    {
        var parser = new SpecParser(path);
        var spec = parser.Read(text);
        return new ParseResult(spec, parser._diagnostics.ToEquatableArray());
    }

    private DialectSpec? Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Report(SpecDiagnosticIds.InvalidYaml, e.Start, e.Message);
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Report(SpecDiagnosticIds.InvalidYaml, Mark.Empty, "the top level must be a mapping");
            return null;
        }

        _catalog = CollectNamedTypes(root);
        var spec = new DialectSpec(
            Dialect: Required(root, "dialect"),
            Document: Required(root, "document"),
            Title: Required(root, "title"),
            Notes: Items(root, "notes").Select(n => Scalar(n) ?? "").ToEquatableArray(),
            Companions: Items(root, "companions").Select(n => Scalar(n) ?? "").ToEquatableArray(),
            Limits: Items(root, "limits").Select(ReadLimit).ToEquatableArray(),
            Modules: Items(root, "modules").Select(ReadModule).ToEquatableArray(),
            Types: Items(root, "types").Select(ReadUserdata).ToEquatableArray(),
            Tables: Items(root, "tables").Select(ReadTable).ToEquatableArray(),
            Callbacks: Items(root, "callbacks").Select(ReadCallback).ToEquatableArray(),
            Enums: Items(root, "enums").Select(ReadEnum).ToEquatableArray());
        CheckUnique(Items(root, "modules").Select(n => Key(n, "path")));
        return spec;
    }

    private TypeCatalog CollectNamedTypes(YamlMappingNode root)
    {
        var named = new Dictionary<string, NamedTypeKind>(StringComparer.Ordinal);
        void Collect(string section, Func<YamlNode, NamedTypeKind> kind)
        {
            foreach (var item in Items(root, section))
            {
                var name = Key(item, "name");
                if (name is null)
                {
                    continue;
                }
                if (named.ContainsKey(name.Value!))
                {
                    Report(SpecDiagnosticIds.DuplicateName, name.Start, name.Value!);
                }
                named[name.Value!] = kind(item);
            }
        }
        Collect("types", _ => NamedTypeKind.Userdata);
        Collect("tables", item => Text(item, "kind") switch
        {
            "options" => NamedTypeKind.OptionsTable,
            "callbacks" => NamedTypeKind.CallbackTable,
            _ => NamedTypeKind.RecordTable,
        });
        Collect("callbacks", _ => NamedTypeKind.Callback);
        Collect("enums", _ => NamedTypeKind.Enum);
        return new TypeCatalog(named);
    }

    private LimitSpec ReadLimit(YamlNode node) => new(
        Required(node, "name"),
        double.Parse(Required(node, "value"), CultureInfo.InvariantCulture),
        Text(node, "unit"),
        Source(node, Text(node, "name")));

    private ModuleSpec ReadModule(YamlNode node)
    {
        var path = Required(node, "path");
        var functions = Items(node, "functions").Select(ReadFunction).ToEquatableArray();
        CheckUnique(Items(node, "functions").Select(n => Key(n, "name")));
        CheckUnique(Items(node, "constants").Select(n => Key(n, "name")));
        return new ModuleSpec(
            path,
            MethodCall: Text(node, "call") == "method",
            Require: Flag(node, "require"),
            Source(node, path),
            functions,
            Items(node, "constants").Select(ReadConstant).ToEquatableArray());
    }

    private ConstantSpec ReadConstant(YamlNode node) =>
        new(Required(node, "name"), Required(node, "type"), Required(node, "value"), Source(node, Text(node, "name")));

    private FunctionSpec ReadFunction(YamlNode node)
    {
        var name = Required(node, "name");
        var source = Source(node, name);
        var overloadNodes = Items(node, "overloads").ToArray();
        var overloads = overloadNodes.Length == 0
            ? [new OverloadSpec(ReadValues(node, "params"), source)]
            : overloadNodes.Select(o => new OverloadSpec(ReadValues(o, "params"), Source(o, name))).ToArray();
        if (overloads.Length > 1 && _catalog.FindDiscriminator(overloads) is null)
        {
            Report(SpecDiagnosticIds.UnsatisfiableOverloads, Key(node, "name")?.Start ?? node.Start, name);
        }
        return new FunctionSpec(
            name,
            source,
            Text(node, "doc"),
            CoroutineOnly: Text(node, "runs") == "coroutine",
            Yields: Flag(node, "yields"),
            new EquatableArray<OverloadSpec>(overloads),
            ReadReturns(node));
    }

    private EquatableArray<ValueSpec> ReadValues(YamlNode node, string key, bool namesRequired = true)
    {
        CheckUnique(Items(node, key).Select(n => Key(n, "name")));
        return Items(node, key).Select(n => ReadValue(n, namesRequired)).ToEquatableArray();
    }

    private ValueSpec ReadValue(YamlNode node) => ReadValue(node, nameRequired: true);

    /// <summary>A parameter or field; a callback's parameters may be unnamed where the document names none.</summary>
    private ValueSpec ReadValue(YamlNode node, bool nameRequired)
    {
        var range = Items(node, "range").Select(n => double.Parse(Scalar(n) ?? "0", CultureInfo.InvariantCulture)).ToArray();
        return new ValueSpec(
            nameRequired ? Required(node, "name") : Text(node, "name") ?? "",
            RequiredType(node),
            Flag(node, "optional"),
            Text(node, "default"),
            range.Length == 2 ? new RangeSpec(range[0], range[1]) : null,
            Text(node, "unit"),
            Flag(node, "text"),
            Flag(node, "readonly"),
            Flag(node, "extension"),
            Text(node, "doc"),
            Text(node, "source"));
    }

    private EquatableArray<ReturnShape> ReadReturns(YamlNode node) =>
        Items(node, "returns")
            .Select(shape => new ReturnShape(
                Text(shape, "when") ?? "success",
                Items(shape, "values").Select(v => new ResultSpec(Text(v, "name"), RequiredType(v), Text(v, "doc"))).ToEquatableArray()))
            .ToEquatableArray();

    private UserdataSpec ReadUserdata(YamlNode node)
    {
        var name = Required(node, "name");
        CheckUnique(Items(node, "methods").Select(n => Key(n, "name")).Concat(Items(node, "fields").Select(n => Key(n, "name"))));
        return new UserdataSpec(
            name,
            Source(node, name),
            Text(node, "doc"),
            Items(node, "fields").Select(ReadValue).ToEquatableArray(),
            Items(node, "methods").Select(ReadFunction).ToEquatableArray());
    }

    private TableSpec ReadTable(YamlNode node)
    {
        var name = Required(node, "name");
        var kind = Text(node, "kind") switch
        {
            "options" => TableKind.Options,
            "callbacks" => TableKind.Callbacks,
            "record" => TableKind.Record,
            var other => Invalid(node, $"table '{name}' has kind '{other}'; expected options, callbacks or record", TableKind.Record),
        };
        return new TableSpec(name, kind, Source(node, name), Text(node, "doc"), ReadValues(node, "fields"));
    }

    private CallbackSpec ReadCallback(YamlNode node)
    {
        var name = Required(node, "name");
        return new CallbackSpec(name, Source(node, name), ReadValues(node, "params", namesRequired: false), ReadReturns(node));
    }

    private EnumSpec ReadEnum(YamlNode node)
    {
        var name = Required(node, "name");
        CheckUnique(Items(node, "values").OfType<YamlScalarNode>());
        return new EnumSpec(name, Source(node, name), Items(node, "values").Select(v => Scalar(v) ?? "").ToEquatableArray());
    }

    private string RequiredType(YamlNode node)
    {
        var typeNode = Key(node, "type");
        var type = Required(node, "type");
        foreach (var name in LuaTypeExpression.ReferencedNames(type))
        {
            var bare = name.Trim();
            if (Array.IndexOf(LuaTypeExpression.BaseTypes, bare) < 0 && !_catalog.IsKnown(bare))
            {
                Report(SpecDiagnosticIds.UnknownType, typeNode?.Start ?? node.Start, bare);
            }
        }
        return type;
    }

    private string Source(YamlNode node, string? owner)
    {
        var source = Text(node, "source");
        if (string.IsNullOrWhiteSpace(source))
        {
            Report(SpecDiagnosticIds.MissingSource, node.Start, owner ?? "item");
            return "";
        }
        return source!;
    }

    private void CheckUnique(IEnumerable<YamlScalarNode?> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name?.Value is { } value && !seen.Add(value))
            {
                Report(SpecDiagnosticIds.DuplicateName, name.Start, value);
            }
        }
    }

    private string Required(YamlNode node, string key)
    {
        var value = Text(node, key);
        if (value is null)
        {
            Report(SpecDiagnosticIds.InvalidSpec, node.Start, $"'{key}' is required here");
            return "";
        }
        return value;
    }

    private T Invalid<T>(YamlNode node, string message, T fallback)
    {
        Report(SpecDiagnosticIds.InvalidSpec, node.Start, message);
        return fallback;
    }

    private void Report(string id, Mark mark, string argument) =>
        _diagnostics.Add(new SpecDiagnostic(id, _path, (int)mark.Line, (int)mark.Column, argument));

    private static YamlScalarNode? Key(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlScalarNode : null;

    private static string? Text(YamlNode node, string key) => Key(node, key)?.Value;

    private static bool Flag(YamlNode node, string key) => Text(node, key) == "true";

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Items(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children
            : [];
}
