namespace Moonwire.Dialects.Wippy.Security;

/// <summary>
/// Allows or denies <see cref="Action"/>; with a <see cref="Resource"/> pattern only for matching
/// resources, where <c>*</c> stands for any run of characters ("wss://*.example.com/*").
/// </summary>
public sealed record SecurityRule(string Action, bool Allow, string? Resource = null)
{
    /// <summary>A rule that allows <paramref name="action"/>, on resources matching <paramref name="resource"/> if given.</summary>
    public static SecurityRule Permit(string action, string? resource = null) => new(action, Allow: true, resource);

    /// <summary>A rule that denies <paramref name="action"/>, on resources matching <paramref name="resource"/> if given.</summary>
    public static SecurityRule Deny(string action, string? resource = null) => new(action, Allow: false, resource);

    /// <summary>Whether the rule applies to <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public bool Matches(string action, string? resource) =>
        Action == action && (Resource is null || (resource is not null && Glob(Resource, resource)));

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.SequenceEqual(text);
        }

        if (!text.StartsWith(pattern[..star]))
        {
            return false;
        }

        var tail = pattern[(star + 1)..];
        for (var start = star; start <= text.Length; start++)
        {
            if (Glob(tail, text[start..]))
            {
                return true;
            }
        }

        return false;
    }
}
