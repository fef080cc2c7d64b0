namespace Moonwire.Specs.Tests;

public sealed class SpecCheckTests
{
    public static TheoryData<string, string> Dialects
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (dialect, document) in Paths.Dialects)
            {
                data.Add(dialect, document);
            }
            return data;
        }
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Dialects))]
    public async Task Each_spec_matches_its_document(string dialect, string document)
    {
        await Task.Yield();
        using var output = new StringWriter();

        var exitCode = SpecCheck.Run(Paths.Seed(document), Paths.Spec(dialect), output);

        Assert.True(exitCode == 0, output.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Drift_is_listed_then_summed_up_and_fails()
    {
        await Task.Yield();
        var spec = File.ReadAllText(Paths.Spec("hoozi"))
            .Replace("name: is_open", "name: is_alive", StringComparison.Ordinal);
        var specPath = Path.Combine(Path.GetTempPath(), $"moonwire-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(specPath, spec);
        using var output = new StringWriter();
        try
        {
            var exitCode = SpecCheck.Run(Paths.Seed("000_85bd907d9997a923.txt"), specPath, output);

            Assert.Equal(1, exitCode);
            var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
            Assert.Equal(["missing from spec: function is_open", "not in document: function is_alive"], lines[..^1]);
            Assert.Matches(@"^document items: \d+, spec items: \d+, missing from spec: 1, not in document: 1$", lines[^1]);
        }
        finally
        {
            File.Delete(specPath);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Only_items_marked_as_extensions_may_be_missing_from_the_document()
    {
        await Task.Yield();
        var spec = File.ReadAllText(Paths.Spec("hoozi"));
        Assert.Contains("name: binary", spec, StringComparison.Ordinal);
        var specPath = Path.Combine(Path.GetTempPath(), $"moonwire-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(specPath, spec.Replace("extension: true, ", "", StringComparison.Ordinal));
        using var output = new StringWriter();
        try
        {
            var exitCode = SpecCheck.Run(Paths.Seed("000_85bd907d9997a923.txt"), specPath, output);

            Assert.Equal(1, exitCode);
            Assert.Contains("not in document: field binary", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(specPath);
        }
    }
}
