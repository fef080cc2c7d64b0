using Moonwire.Generators.Model;

namespace Moonwire.Specs;

/// <summary><c>moonwire spec check &lt;document&gt; &lt;spec&gt;</c>: the items each side has that the other
/// lacks, then the summary line. Drift (anything missing on either side) exits 1.</summary>
public static class SpecCheck
{
    public static int Run(string documentPath, string specPath, TextWriter output)
    {
        var report = Compare(File.ReadAllText(documentPath), SpecFile.Load(specPath));
        foreach (var line in report.Lines)
        {
            output.WriteLine(line);
        }
        return report.Drift ? 1 : 0;
    }

    internal static SpecCheckReport Compare(string document, DialectSpec spec)
    {
        var inDocument = ApiItems.InDocument(document, spec.Companions.ToHashSet(StringComparer.Ordinal));
        var inSpec = ApiItems.Of(spec);
        var missing = inDocument.Except(inSpec).ToArray();
        var extra = inSpec.Except(inDocument).ToArray();
        var lines = missing.Select(i => "missing from spec: " + i)
            .Concat(extra.Select(i => "not in document: " + i))
            .Append($"document items: {inDocument.Count}, spec items: {inSpec.Count}, missing from spec: {missing.Length}, not in document: {extra.Length}")
            .ToArray();
        return new SpecCheckReport(inDocument.Count, inSpec.Count, missing, extra, lines);
    }
}

public sealed record SpecCheckReport(int DocumentItems, int SpecItems, IReadOnlyList<string> MissingFromSpec, IReadOnlyList<string> NotInDocument, IReadOnlyList<string> Lines)
{
    public bool Drift => MissingFromSpec.Count > 0 || NotInDocument.Count > 0;
}
