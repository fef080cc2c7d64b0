namespace Moonwire.Dialects.Wippy.Security;

/// <summary>
/// The host's allow/deny rules for the actions a script asks for (Wippy's security model): any
/// matching deny refuses; otherwise a matching allow permits; with no match the default decides
/// (permit unless <see cref="Strict"/>).
/// </summary>
public sealed record SecurityPolicy
{
    /// <summary>The action that guards every <c>websocket.connect</c>.</summary>
    public const string Connect = "websocket.connect";

    /// <summary>The action that guards the URL <c>websocket.connect</c> is given (the resource).</summary>
    public const string ConnectUrl = "websocket.connect.url";

    /// <summary>No rules and not strict: every action is permitted.</summary>
    public static SecurityPolicy AllowAll { get; } = new();

    /// <summary>The rules, in no particular order: a deny wins over any allow.</summary>
    public IReadOnlyList<SecurityRule> Rules { get; init; } = [];

    /// <summary>Refuse what no rule allows.</summary>
    public bool Strict { get; init; }

    /// <summary>Whether <paramref name="action"/> on <paramref name="resource"/> is allowed.</summary>
    public bool Permits(string action, string? resource = null)
    {
        var matching = Rules.Where(rule => rule.Matches(action, resource)).ToList();
        if (matching.Any(rule => !rule.Allow))
        {
            return false;
        }

        return matching.Count > 0 || !Strict;
    }
}
