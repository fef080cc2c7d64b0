using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Moonwire.Generators.Model;
using Scriban;
using Scriban.Runtime;

namespace Moonwire.Generators.Emit;

internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>Renders the embedded templates for one dialect: its contracts, and its bindings with the
/// Lua wrapper chunk inside.</summary>
internal static class BindingsEmitter
{
    private static readonly Template Contracts = Load("Contracts.sbncs");
    private static readonly Template Bindings = Load("Bindings.sbncs");
    private static readonly Template Wrappers = Load("Wrappers.sbnlua");

    private static readonly object Wording = new
    {
        ExpectedGot = Naming.Literal(LuaWording.ExpectedGot),
        NoInteger = Naming.Literal(LuaWording.NoInteger),
        OutOfRange = Naming.Literal(LuaWording.OutOfRange),
        InvalidOption = Naming.Literal(LuaWording.InvalidOption),
        ValueExpected = Naming.Literal(LuaWording.ValueExpected),
        InternalError = Naming.Literal(LuaWording.InternalError),
        ReadOnlyField = Naming.Literal(LuaWording.ReadOnlyField),
    };

    public static IEnumerable<GeneratedFile> Emit(DialectSpec spec)
    {
        var view = BindingsModelBuilder.Build(spec);
        var prefix = view.ClassName.Substring(0, view.ClassName.Length - "Bindings".Length);
        var chunk = Render(Wrappers, view, new() { ["wording"] = Wording }).TrimEnd('\n');
        yield return new GeneratedFile(prefix + ".Contracts.g.cs", Render(Contracts, view, []));
        yield return new GeneratedFile(prefix + ".Bindings.g.cs", Render(Bindings, view, new() { ["wrapper_chunk"] = chunk, ["wording"] = Wording }));
    }

    private static string Render(Template template, DialectView view, Dictionary<string, object> extra)
    {
        var globals = new ScriptObject();
        globals.Import(view);
        foreach (var pair in extra)
        {
            globals[pair.Key] = pair.Value;
        }
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 0 };
        context.PushGlobal(globals);
        // Emission must not depend on the machine: one culture, one line ending.
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        return Tidy(template.Render(context));
    }

    /// <summary>One line ending, no doubled blank lines, none just inside braces: the templates can
    /// then lay out loops without counting newlines.</summary>
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var blank = line.Trim().Length == 0;
            var previous = kept.Count > 0 ? kept[kept.Count - 1].Trim() : null;
            if (blank && (previous is null or "" or "{" || previous.EndsWith(" do", StringComparison.Ordinal)))
            {
                continue;
            }
            if (!blank && line.Trim() is "}" or "};" or "end" && previous == "")
            {
                kept.RemoveAt(kept.Count - 1);
            }
            kept.Add(blank ? "" : line.TrimEnd());
        }
        return string.Join("\n", kept);
    }

    private static Template Load(string name)
    {
        using var stream = typeof(BindingsEmitter).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("missing template " + name);
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        return template.HasErrors
            ? throw new InvalidOperationException(name + ": " + string.Join("; ", template.Messages.Select(m => m.ToString())))
            : template;
    }
}
