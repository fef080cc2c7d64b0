using System.Globalization;
using System.Text;
using Moonwire.Generators.Model;

namespace Moonwire.Specs;

/// <summary>The Markdown API reference of one dialect: every function, parameter, option, callback,
/// constant and limit of its spec, each with the document section it comes from.</summary>
public static class MarkdownReference
{
    public static string Write(string specPath) => Write(SpecFile.Load(specPath));

    internal static string Write(DialectSpec spec)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# {spec.Title}: Lua API reference");
        Line();
        Line($"Generated from `specs/{spec.Dialect}.yaml`, taken from the document `{spec.Document}`. Do not edit.");
        if (spec.Notes.Count > 0)
        {
            Line();
            Line("## Notes");
            Line();
            foreach (var note in spec.Notes)
            {
                Line("- " + note);
            }
        }
        if (spec.Limits.Count > 0)
        {
            Line();
            Line("## Limits");
            Line();
            Line("| limit | value | unit | source |");
            Line("|---|---|---|---|");
            foreach (var limit in spec.Limits)
            {
                Line($"| `{limit.Name}` | {limit.Value.ToString(CultureInfo.InvariantCulture)} | {limit.Unit} | {limit.Source} |");
            }
        }
        foreach (var module in spec.Modules)
        {
            Line();
            Line($"## Module `{module.Path}`{(module.Require ? $" (`require \"{module.Path}\"`)" : "")}");
            Line();
            Line($"Source: {module.Source}.");
            if (module.Constants.Count > 0)
            {
                Line();
                Line("| constant | type | value | source |");
                Line("|---|---|---|---|");
                foreach (var constant in module.Constants)
                {
                    Line($"| `{module.Path}.{constant.Name}` | {constant.Type} | `{Cell(constant.Value)}` | {constant.Source} |");
                }
            }
            foreach (var function in module.Functions)
            {
                WriteFunction(Line, module.Path + (module.MethodCall ? ":" : "."), function);
            }
        }
        foreach (var type in spec.Types)
        {
            Line();
            Line($"## Object `{type.Name}`");
            Line();
            Line($"Source: {type.Source}.{(type.Doc is null ? "" : " " + type.Doc)}");
            if (type.Fields.Count > 0)
            {
                Line();
                WriteValues(Line, "read-only field", type.Fields);
            }
            foreach (var method in type.Methods)
            {
                WriteFunction(Line, type.Name + ":", method);
            }
        }
        if (spec.Tables.Count + spec.Callbacks.Count + spec.Enums.Count > 0)
        {
            Line();
            Line("## Tables, callbacks and options");
        }
        foreach (var table in spec.Tables)
        {
            Line();
            Line($"### `{table.Name}` ({table.Kind.ToString().ToLowerInvariant()} table)");
            Line();
            Line($"Source: {table.Source}.{(table.Doc is null ? "" : " " + table.Doc)}");
            if (table.Fields.Count > 0)
            {
                Line();
                WriteValues(Line, "field", table.Fields);
            }
        }
        foreach (var callback in spec.Callbacks)
        {
            var parameters = callback.Params.Select(p => (p.Name.Length > 0 ? p.Name + ": " : "") + p.Type);
            Line();
            Line($"### `{callback.Name}`: `function({string.Join(", ", parameters)})`");
            Line();
            Line($"Source: {callback.Source}.");
            foreach (var extension in callback.Params.Where(p => p.Extension))
            {
                Line();
                Line($"`{extension.Name}`: {Notes(extension)}");
            }
        }
        foreach (var enumeration in spec.Enums)
        {
            Line();
            Line($"### `{enumeration.Name}`: {string.Join(", ", enumeration.Values.Select(v => $"`\"{v}\"`"))}");
            Line();
            Line($"Source: {enumeration.Source}.");
        }
        return md.ToString();
    }

    private static void WriteFunction(Action<string> line, string prefix, FunctionSpec function)
    {
        foreach (var overload in function.Overloads)
        {
            line("");
            line($"### `{prefix}{function.Name}({string.Join(", ", overload.Params.Select(p => p.Name + (p.Optional ? "?" : "")))})`");
            line("");
            var notes = new List<string> { $"Source: {overload.Source}." };
            if (function.Doc is not null)
            {
                notes.Add(function.Doc);
            }
            if (function.CoroutineOnly)
            {
                notes.Add("Call inside a coroutine.");
            }
            if (function.Yields)
            {
                notes.Add("Suspends the coroutine until the host completes it.");
            }
            line(string.Join(" ", notes));
            if (overload.Params.Count > 0)
            {
                line("");
                WriteValues(line, "parameter", overload.Params);
            }
            if (function.Returns.Count > 0)
            {
                line("");
                foreach (var shape in function.Returns)
                {
                    var values = shape.Values.Count == 0
                        ? "nothing"
                        : string.Join(", ", shape.Values.Select(v => (v.Name is null ? "" : v.Name + ": ") + v.Type));
                    line($"- returns ({shape.When}): `{values}`");
                }
            }
        }
    }

    private static void WriteValues(Action<string> line, string header, IEnumerable<ValueSpec> values)
    {
        line($"| {header} | type | optional | default | range | unit | notes |");
        line("|---|---|---|---|---|---|---|");
        foreach (var value in values)
        {
            var range = value.Range is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.Min}..{r.Max}") : "";
            line($"| `{value.Name}` | `{Cell(value.Type)}` | {(value.Optional ? "yes" : "")} | {(value.Default is null ? "" : $"`{value.Default}`")} | {range} | {value.Unit} | {Cell(Notes(value))} |");
        }
    }

    private static string Notes(ValueSpec value) =>
        value.Extension ? ("Moonwire extension. " + value.Doc).TrimEnd() : value.Doc ?? "";

    // A pipe inside a table cell ends the cell, even in a code span.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
