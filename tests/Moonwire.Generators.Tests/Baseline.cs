using System.Text;

namespace Moonwire.Generators.Tests;

/// <summary>Snapshot files that never pass silently: every produced file must equal its
/// <c>.verified</c> baseline, every baseline must be produced. A mismatch leaves a <c>.received</c>
/// file beside the baseline. Set MOONWIRE_UPDATE_BASELINES=1 to rewrite the baselines.</summary>
internal static class Baseline
{
    private const string UpdateSwitch = "MOONWIRE_UPDATE_BASELINES";

    public static string Directory(string name) =>
        Path.Combine(GeneratorRunner.Repository(), "tests", "Moonwire.Generators.Tests", "Baselines", name);

    public static void Verify(string directory, IReadOnlyDictionary<string, string> files)
    {
        System.IO.Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            foreach (var stale in System.IO.Directory.GetFiles(directory))
            {
                File.Delete(stale);
            }
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, name + ".verified"), text, Encoding.UTF8);
            }
            return;
        }

        var problems = new List<string>();
        foreach (var (name, text) in files)
        {
            var verified = Path.Combine(directory, name + ".verified");
            var received = Path.Combine(directory, name + ".received");
            if (File.Exists(verified) && File.ReadAllText(verified) == text)
            {
                File.Delete(received);
                continue;
            }
            File.WriteAllText(received, text, Encoding.UTF8);
            problems.Add(File.Exists(verified) ? $"{name} differs (see {received})" : $"{name} has no baseline (see {received})");
        }
        foreach (var verified in System.IO.Directory.GetFiles(directory, "*.verified"))
        {
            var name = Path.GetFileNameWithoutExtension(verified);
            if (!files.ContainsKey(name))
            {
                problems.Add($"{name} is no longer produced");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + $"{Environment.NewLine}({UpdateSwitch}=1 rewrites baselines)");
    }
}
