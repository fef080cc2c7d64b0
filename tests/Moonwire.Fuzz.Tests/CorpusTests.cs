using Xunit;

namespace Moonwire.Fuzz.Tests;

/// <summary>
/// The checked-in corpus replayed through every fuzz target without instrumentation: the seeds, and each
/// input a fuzzing run found interesting or crashing, stay fixed (tests/Moonwire.Fuzz/README.md).
/// </summary>
public sealed class CorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "corpus");

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Keys.Order(StringComparer.Ordinal)];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Targets))]
    public async Task EveryCorpusInput_KeepsEveryInvariantOfItsTarget(string target)
    {
        var files = Directory.GetFiles(Path.Combine(Root, target)).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        var failures = await Task.Run(() => files.Select(file => Replay(target, file)).OfType<string>().ToList());

        Assert.Empty(failures);
    }

    [Fact]
    public void EveryCorpusFolder_IsATarget()
    {
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), folders);
    }

    /// <summary>Null when the input passes, else the file's name and what escaped.</summary>
    private static string? Replay(string target, string file)
    {
        try
        {
            FuzzTargets.All[target](File.ReadAllBytes(file));
            return null;
        }
        catch (Exception e)
        {
            return $"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}";
        }
    }
}
