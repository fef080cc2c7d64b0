using System.Globalization;
using System.Text;
using Moonwire.Generators.Model;

namespace Moonwire.Specs;

/// <summary>A LuaLS / EmmyLua <c>---@meta</c> file for one dialect, so editors complete and check
/// scripts written for it. The spec's type notation is LuaLS's, so types carry over as written.</summary>
public static class LuaAnnotations
{
    public static string Write(string specPath) => Write(SpecFile.Load(specPath));

    internal static string Write(DialectSpec spec)
    {
        var lua = new StringBuilder();
        var required = spec.Modules.Where(m => m.Require).ToArray();
        lua.Append("---@meta").Append(required.Length == 1 ? " " + required[0].Path : "").Append('\n');
        lua.Append(CultureInfo.InvariantCulture, $"-- {spec.Title}: generated from specs/{spec.Dialect}.yaml ({spec.Document}). Do not edit.\n");

        foreach (var enumeration in spec.Enums)
        {
            lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(enumeration.Source)}\n");
            lua.Append(CultureInfo.InvariantCulture, $"---@alias {enumeration.Name} {string.Join("|", enumeration.Values.Select(v => "\"" + v + "\""))}\n");
        }
        foreach (var callback in spec.Callbacks)
        {
            var parameters = callback.Params.Select((p, i) => $"{ParameterName(p, i)}: {p.Type}");
            lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(callback.Source)}\n");
            foreach (var extension in callback.Params.Where(p => p.Extension))
            {
                lua.Append(CultureInfo.InvariantCulture, $"---{extension.Name}:{Describe(extension)}\n");
            }
            lua.Append(CultureInfo.InvariantCulture, $"---@alias {callback.Name} fun({string.Join(", ", parameters)})\n");
        }
        foreach (var table in spec.Tables)
        {
            lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(table.Source)}{Doc(table.Doc)}\n");
            lua.Append(CultureInfo.InvariantCulture, $"---@class {table.Name}\n");
            foreach (var field in table.Fields)
            {
                lua.Append(CultureInfo.InvariantCulture, $"---@field {field.Name}{(field.Optional ? "?" : "")} {field.Type}{Describe(field)}\n");
            }
        }
        foreach (var type in spec.Types)
        {
            lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(type.Source)}{Doc(type.Doc)}\n");
            lua.Append(CultureInfo.InvariantCulture, $"---@class {type.Name}\n");
            foreach (var field in type.Fields)
            {
                lua.Append(CultureInfo.InvariantCulture, $"---@field {field.Name} {field.Type} read-only{Doc(field.Doc)}\n");
            }
            lua.Append(CultureInfo.InvariantCulture, $"local {type.Name} = {{}}\n");
            foreach (var method in type.Methods)
            {
                WriteFunction(lua, type.Name, ":", type.Name, method);
            }
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in spec.Modules)
        {
            lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(module.Source)}\n");
            var name = module.Require ? "M" : module.Path;
            if (module.Require)
            {
                lua.Append(CultureInfo.InvariantCulture, $"---@class {module.Path}\nlocal M = {{}}\n");
            }
            else
            {
                var parts = module.Path.Split('.');
                for (var i = 1; i <= parts.Length; i++)
                {
                    var path = string.Join(".", parts.Take(i));
                    if (declared.Add(path))
                    {
                        lua.Append(CultureInfo.InvariantCulture, $"---@class {path}\n{path} = {{}}\n");
                    }
                }
            }
            foreach (var constant in module.Constants)
            {
                WriteConstant(lua, name, constant, declared);
            }
            foreach (var function in module.Functions)
            {
                WriteFunction(lua, name, module.MethodCall ? ":" : ".", module.Path, function);
            }
        }
        if (required.Length == 1)
        {
            lua.Append("\nreturn M\n");
        }
        return lua.ToString();
    }

    private static void WriteConstant(StringBuilder lua, string owner, ConstantSpec constant, HashSet<string> declared)
    {
        var parts = constant.Name.Split('.');
        for (var i = 1; i < parts.Length; i++)
        {
            var table = owner + "." + string.Join(".", parts.Take(i));
            if (declared.Add(table))
            {
                lua.Append(CultureInfo.InvariantCulture, $"{table} = {{}}\n");
            }
        }
        var value = constant.Type == "string" ? "\"" + constant.Value + "\"" : constant.Value;
        lua.Append(CultureInfo.InvariantCulture, $"{owner}.{constant.Name} = {value}\n");
    }

    private static void WriteFunction(StringBuilder lua, string owner, string separator, string selfType, FunctionSpec function)
    {
        var first = function.Overloads[0];
        lua.Append('\n').Append(CultureInfo.InvariantCulture, $"---{Source(first.Source)}{Doc(function.Doc)}\n");
        if (function.CoroutineOnly)
        {
            lua.Append("---Call inside a coroutine.\n");
        }
        foreach (var parameter in first.Params)
        {
            lua.Append(CultureInfo.InvariantCulture, $"---@param {parameter.Name}{(parameter.Optional ? "?" : "")} {parameter.Type}{Describe(parameter)}\n");
        }
        foreach (var result in Results(function))
        {
            lua.Append(CultureInfo.InvariantCulture, $"---@return {result}\n");
        }
        foreach (var overload in function.Overloads.Skip(1))
        {
            var self = separator == ":" ? new[] { $"self: {selfType}" } : [];
            var parameters = self.Concat(overload.Params.Select(p => $"{p.Name}{(p.Optional ? "?" : "")}: {p.Type}"));
            lua.Append(CultureInfo.InvariantCulture, $"---@overload fun({string.Join(", ", parameters)})\n");
        }
        var names = string.Join(", ", first.Params.Select(p => p.Name));
        lua.Append(CultureInfo.InvariantCulture, $"function {owner}{separator}{function.Name}({names}) end\n");
    }

    /// <summary>One <c>@return</c> per position: the union of what each result shape puts there.</summary>
    private static IEnumerable<string> Results(FunctionSpec function)
    {
        var width = function.Returns.Count == 0 ? 0 : function.Returns.Max(r => r.Values.Count);
        for (var i = 0; i < width; i++)
        {
            var types = function.Returns
                .Select(r => i < r.Values.Count ? r.Values[i].Type : "nil")
                .SelectMany(t => t.Split('|'))
                .Distinct()
                .ToArray();
            var name = function.Returns.Select(r => i < r.Values.Count ? r.Values[i].Name : null).FirstOrDefault(n => n is not null);
            yield return string.Join("|", types) + (name is null ? "" : " " + name);
        }
    }

    private static string ParameterName(ValueSpec parameter, int index) =>
        parameter.Name.Length > 0 ? parameter.Name : "arg" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Describe(ValueSpec value)
    {
        var parts = new List<string>();
        if (value.Extension)
        {
            parts.Add("Moonwire extension");
        }
        if (value.Default is not null)
        {
            parts.Add("default " + (value.Default.Length == 0 ? "\"\"" : value.Default));
        }
        if (value.Unit is not null)
        {
            parts.Add(value.Unit);
        }
        if (value.Range is { } range)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{range.Min}..{range.Max}"));
        }
        if (value.Doc is not null)
        {
            parts.Add(value.Doc);
        }
        return parts.Count == 0 ? "" : " " + string.Join("; ", parts);
    }

    private static string Source(string source) => "Source: " + source + ".";

    private static string Doc(string? doc) => doc is null ? "" : " " + doc;
}
