using System.Collections;

namespace Moonwire.Engine.Handshake;

/// <summary>
/// Header fields in the order they were sent. Names compare case-insensitively (RFC 9110 §5.1) and a
/// name may repeat; values are Latin-1 text, one character per byte on the wire.
/// </summary>
public sealed class HttpHeaderCollection : IEnumerable<KeyValuePair<string, string>>
{
    // A head holds at most a hundred or so fields: a list scanned in order beats a dictionary here.
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>The number of header lines.</summary>
    public int Count => _fields.Count;

    /// <summary>Appends one header line.</summary>
    public void Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _fields.Add(new(name, value));
    }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (var field in _fields)
        {
            if (IsNamed(field, name))
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Every value of <paramref name="name"/>, in order (one per header line).</summary>
    public IReadOnlyList<string> GetAll(string name) => [.. _fields.Where(f => IsNamed(f, name)).Select(f => f.Value)];

    /// <summary>Whether any line has <paramref name="name"/>.</summary>
    public bool Contains(string name) => _fields.Exists(f => IsNamed(f, name));

    /// <summary>
    /// Whether any <paramref name="name"/> line lists <paramref name="token"/> in its comma-separated
    /// value, ignoring case: "Connection: keep-alive, Upgrade" has the token upgrade.
    /// </summary>
    public bool HasToken(string name, string token)
    {
        foreach (var field in _fields)
        {
            if (!IsNamed(field, name))
            {
                continue;
            }

            foreach (var element in new HttpListElements(field.Value))
            {
                if (element.Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The header lines in the order they were sent.</summary>
    public List<KeyValuePair<string, string>>.Enumerator GetEnumerator() => _fields.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsNamed(KeyValuePair<string, string> field, string name) =>
        string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase);
}
