namespace Moonwire.Engine.Handshake;

/// <summary>
/// The elements of a comma-separated header list (RFC 9110 §5.6.1): split at commas outside quoted
/// strings (an extension parameter may quote a comma), trimmed of OWS, empty elements skipped.
/// Enumerates without allocating.
/// </summary>
internal ref struct HttpListElements(ReadOnlySpan<char> value)
{
    private ReadOnlySpan<char> _rest = value;
    private bool _done = value.IsEmpty;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly HttpListElements GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!_done)
        {
            var end = TopLevelComma(_rest);
            var element = end < 0 ? _rest : _rest[..end];
            if (end < 0)
            {
                _done = true;
            }
            else
            {
                _rest = _rest[(end + 1)..];
            }

            Current = element.Trim(" \t");
            if (!Current.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static int TopLevelComma(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\\' when quoted:
                    i++;
                    break;
                case ',' when !quoted:
                    return i;
            }
        }

        return -1;
    }
}
