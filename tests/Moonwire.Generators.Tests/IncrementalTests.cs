using Microsoft.CodeAnalysis;

namespace Moonwire.Generators.Tests;

/// <summary>The pipeline caches: a second run, or an edit that leaves the API as it was, emits nothing
/// again; an API change does.</summary>
public sealed class IncrementalTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(GeneratedCodeTests.Dialects), MemberType = typeof(GeneratedCodeTests))]
    public async Task A_second_run_is_fully_cached(string dialect)
    {
        await Task.Yield();
        var compilation = GeneratorRunner.EmptyCompilation();
        var driver = GeneratorRunner.CreateDriver(GeneratorRunner.SpecFile(dialect)).RunGenerators(compilation);

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertReasons(second, MoonwireGenerator.ParseStep, IncrementalStepRunReason.Cached);
        AssertReasons(second, MoonwireGenerator.ModelStep, IncrementalStepRunReason.Cached);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_comment_and_a_blank_line_do_not_re_emit()
    {
        await Task.Yield();
        var original = GeneratorRunner.SpecFile("hoozi");
        var edited = GeneratorRunner.Spec(original.Path, "# a comment\n\n" + original.GetText()!);

        var result = Rerun(original, edited);

        AssertReasons(result, MoonwireGenerator.ParseStep, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, MoonwireGenerator.ModelStep, IncrementalStepRunReason.Cached);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_api_change_re_emits()
    {
        await Task.Yield();
        var original = GeneratorRunner.SpecFile("hoozi");
        var edited = GeneratorRunner.Spec(original.Path, original.GetText()!.ToString().Replace("name: is_open", "name: is_alive", StringComparison.Ordinal));

        var result = Rerun(original, edited);

        AssertReasons(result, MoonwireGenerator.ModelStep, IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("IsAlive", StringComparison.Ordinal));
    }

    private static GeneratorRunResult Rerun(AdditionalText original, AdditionalText edited)
    {
        var compilation = GeneratorRunner.EmptyCompilation();
        var driver = GeneratorRunner.CreateDriver(original).RunGenerators(compilation);
        return driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation).GetRunResult().Results.Single();
    }

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason expected)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(expected, o.Reason));
    }
}
