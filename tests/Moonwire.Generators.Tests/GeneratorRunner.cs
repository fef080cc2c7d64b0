using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Moonwire.Generators.Tests;

/// <summary>Runs <see cref="MoonwireGenerator"/> over spec texts in memory.</summary>
internal static class GeneratorRunner
{
    /// <summary>The repository root: found from the test binaries upwards, since CI builds map
    /// source paths (CallerFilePath) to /_/.</summary>
    public static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bindings.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("no Bindings.sln above " + AppContext.BaseDirectory);
    }

    public static string SpecsDirectory() => Path.Combine(Repository(), "specs");

    public static string SpecPath(string dialect) => Path.Combine(SpecsDirectory(), dialect + ".yaml");

    public static GeneratorDriver CreateDriver(params AdditionalText[] specs) =>
        CSharpGeneratorDriver.Create(
            [new MoonwireGenerator().AsSourceGenerator()],
            additionalTexts: specs,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static CSharpCompilation EmptyCompilation() =>
        CSharpCompilation.Create("Consumer", [], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static GeneratorRunResult Run(params AdditionalText[] specs) =>
        CreateDriver(specs).RunGenerators(EmptyCompilation()).GetRunResult().Results.Single();

    public static AdditionalText Spec(string path, string text) => new InMemoryText(path, text);

    public static AdditionalText SpecFile(string dialect) => new InMemoryText(SpecPath(dialect), File.ReadAllText(SpecPath(dialect)));

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
