using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Moonwire.Generators.Diagnostics;
using Moonwire.Generators.Emit;
using Moonwire.Generators.Model;
using Moonwire.Generators.Parsing;

namespace Moonwire.Generators;

/// <summary>Spec files (AdditionalFiles *.yaml) → model → contracts and KeraLua bindings per dialect.
/// Diagnostics and sources are separate outputs, so a spec edit that moves lines but keeps the API
/// re-reports diagnostics without re-emitting C#.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class MoonwireGenerator : IIncrementalGenerator
{
    public const string ParseStep = "Parse";
    public const string ModelStep = "Model";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".yaml", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => SpecParser.Parse(file.Path, file.GetText(token)?.ToString() ?? ""))
            .WithTrackingName(ParseStep);

        var models = parsed
            .Where(static result => result.Spec is not null && result.Diagnostics.Count == 0)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(ModelStep);

        context.RegisterSourceOutput(parsed.Select(static (result, _) => result.Diagnostics), static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(ToDiagnostic(diagnostic));
            }
        });

        context.RegisterSourceOutput(models, static (output, spec) =>
        {
            foreach (var file in BindingsEmitter.Emit(spec))
            {
                output.AddSource(file.HintName, file.Text);
            }
        });
    }

    private static Diagnostic ToDiagnostic(SpecDiagnostic diagnostic)
    {
        // YAML marks are 1-based; Roslyn's line positions are 0-based.
        var start = new LinePosition(System.Math.Max(diagnostic.Line - 1, 0), System.Math.Max(diagnostic.Column - 1, 0));
        var location = Location.Create(diagnostic.Path, default, new LinePositionSpan(start, start));
        return Diagnostic.Create(DiagnosticDescriptors.ById(diagnostic.Id)!, location, diagnostic.Argument);
    }
}
