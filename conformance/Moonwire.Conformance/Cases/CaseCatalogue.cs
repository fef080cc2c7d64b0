using System.Text.RegularExpressions;

namespace Moonwire.Conformance.Cases;

/// <summary>Autobahn's cases 1.1.1 to 13.7.18 in its order (groups 8 and 11 have none).</summary>
public static class CaseCatalogue
{
    public static IReadOnlyList<CaseDefinition> All { get; } =
    [
        .. Group1Framing.Cases(),
        .. Group2PingsPongs.Cases(),
        .. Group3ReservedBits.Cases(),
        .. Group4Opcodes.Cases(),
        .. Group5Fragmentation.Cases(),
        .. Group6Utf8.Cases(),
        .. Group7Close.Cases(),
        .. Group9Limits.Cases(),
        .. Group10Misc.Cases(),
        .. Group12Compression.Cases(),
    ];

    /// <summary>The cases any include pattern matches and no exclude pattern does ("*" matches any run of characters).</summary>
    public static IReadOnlyList<CaseDefinition> Select(IReadOnlyList<string> includes, IReadOnlyList<string> excludes)
    {
        var include = includes.Select(Pattern).ToList();
        var exclude = excludes.Select(Pattern).ToList();
        return [.. All.Where(c => include.Any(p => p.IsMatch(c.Id)) && !exclude.Any(p => p.IsMatch(c.Id)))];
    }

    private static Regex Pattern(string pattern) =>
        new("^" + Regex.Escape(pattern.Trim()).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
