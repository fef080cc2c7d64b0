using System.Text;
using Moonwire.Engine.Buffers;

namespace Moonwire.Engine.Handshake;

/// <summary>
/// Writes an HTTP/1.1 head as Latin-1 bytes. Every header line is checked before the first byte is
/// written, so no name or value from an option or a script can smuggle in a CR/LF and add lines of its
/// own, and a refused head leaves the buffer as it was.
/// </summary>
internal static class HttpHeadWriter
{
    /// <exception cref="ArgumentException">A name is not a token, or a value holds a control character or one above U+00FF.</exception>
    public static void WriteHead(ByteBuffer buffer, string startLine, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!HttpSyntax.IsToken(name))
            {
                throw new ArgumentException($"'{name.ReplaceLineEndings("\\n")}' is not a valid header name.", nameof(headers));
            }

            if (!HttpSyntax.IsFieldValue(value))
            {
                throw new ArgumentException(
                    $"The value of header {name} has a control character (CR, LF, NUL...) or a character above U+00FF.", nameof(headers));
            }
        }

        Write(buffer, startLine);
        Write(buffer, "\r\n");
        foreach (var (name, value) in headers)
        {
            Write(buffer, name);
            Write(buffer, ": ");
            Write(buffer, value);
            Write(buffer, "\r\n");
        }

        Write(buffer, "\r\n");
    }

    private static void Write(ByteBuffer buffer, string text)
    {
        var written = Encoding.Latin1.GetBytes(text, buffer.GetSpan(text.Length));
        buffer.Advance(written);
    }
}
