using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Moonwire.Engine.Compression;

/// <summary>
/// Parses a Sec-WebSocket-Extensions value (RFC 6455 §9.1) in one pass: a comma-separated list of elements,
/// each a token followed by <c>;</c>-separated parameters whose values are tokens or quoted strings. A quoted
/// value must still be a token once unescaped. Whitespace is allowed around the separators.
/// </summary>
public static class ExtensionHeader
{
    /// <summary>tchar of RFC 9110 §5.6.2: visible ASCII except the delimiters.</summary>
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Parses <paramref name="value"/>; false when it is malformed or lists no element.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out IReadOnlyList<ExtensionElement>? elements)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parser = new Parser(value);
        elements = parser.TryParseList(out var list) ? list : null;
        return elements is not null;
    }

    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _position;

        public bool TryParseList(out List<ExtensionElement> elements)
        {
            elements = [];
            while (true)
            {
                SkipWhitespace();

                // Empty list elements (", ,") are allowed and ignored (RFC 9110 §5.6.1.2).
                if (Peek() is ',' or null)
                {
                    if (!TryTake(','))
                    {
                        return elements.Count > 0;
                    }

                    continue;
                }

                if (!TryParseElement(out var element))
                {
                    return false;
                }

                elements.Add(element);
                SkipWhitespace();
                if (!TryTake(',') && Peek() is not null)
                {
                    return false;
                }
            }
        }

        private bool TryParseElement(out ExtensionElement element)
        {
            element = null!;
            var name = TakeToken();
            if (name is null)
            {
                return false;
            }

            var parameters = new List<ExtensionParameter>();
            while (true)
            {
                SkipWhitespace();
                if (!TryTake(';'))
                {
                    element = new ExtensionElement(name, parameters);
                    return true;
                }

                SkipWhitespace();
                var parameterName = TakeToken();
                if (parameterName is null)
                {
                    return false;
                }

                SkipWhitespace();
                string? parameterValue = null;
                if (TryTake('='))
                {
                    SkipWhitespace();
                    parameterValue = Peek() == '"' ? TakeQuotedToken() : TakeToken();
                    if (parameterValue is null)
                    {
                        return false;
                    }
                }

                parameters.Add(new ExtensionParameter(parameterName, parameterValue));
            }
        }

        private string? TakeToken()
        {
            var length = _text.AsSpan(_position).IndexOfAnyExcept(TokenChars);
            length = length < 0 ? _text.Length - _position : length;
            var token = length > 0 ? _text.Substring(_position, length) : null;
            _position += length;
            return token;
        }

        private string? TakeQuotedToken()
        {
            _position++;
            var value = new StringBuilder();
            while (_position < _text.Length)
            {
                var c = _text[_position++];
                if (c == '"')
                {
                    return value.Length > 0 ? value.ToString() : null;
                }

                if (c == '\\' && _position < _text.Length)
                {
                    c = _text[_position++];
                }

                // Unescaped, the value must be a token (RFC 6455 §9.1), so an escaped delimiter is no better.
                if (!TokenChars.Contains(c))
                {
                    return null;
                }

                value.Append(c);
            }

            return null;
        }

        private readonly char? Peek() => _position < _text.Length ? _text[_position] : null;

        private bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        private void SkipWhitespace()
        {
            while (Peek() is ' ' or '\t')
            {
                _position++;
            }
        }
    }
}
