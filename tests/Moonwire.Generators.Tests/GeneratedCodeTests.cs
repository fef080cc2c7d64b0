namespace Moonwire.Generators.Tests;

/// <summary>The generated contracts and bindings of each spec, against their baselines.</summary>
public sealed class GeneratedCodeTests
{
    public static readonly string[] DialectNames = ["hoozi", "coromega", "luatos", "silly", "wippy"];

    public static TheoryData<string> Dialects => new(DialectNames);

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Dialects))]
    public async Task Generated_code_matches_baseline(string dialect)
    {
        await Task.Yield();
        var result = GeneratorRunner.Run(GeneratorRunner.SpecFile(dialect));

        Assert.Empty(result.Diagnostics);
        Baseline.Verify(
            Baseline.Directory(dialect),
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }
}
