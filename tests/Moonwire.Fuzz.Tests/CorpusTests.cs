using Xunit;

namespace Moonwire.Fuzz.Tests;

/// <summary>
/// The checked-in corpus replayed through every fuzz target without instrumentation: the seeds, and each
/// input a fuzzing run found interesting or crashing, stay fixed (tests/Moonwire.Fuzz/README.md).
/// </summary>
public sealed class CorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "corpus");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Inputs))]
    public async Task Input_KeepsEveryInvariantOfItsTarget(string target, string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(Root, target, file));

        await Task.Run(() => FuzzTargets.All[target](input));
    }

    [Fact]
    public void EveryTarget_HasSeeds_AndEverySeedFolder_IsATarget()
    {
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), folders);
        Assert.All(FuzzTargets.All.Keys, target => Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root, target))));
    }
}
