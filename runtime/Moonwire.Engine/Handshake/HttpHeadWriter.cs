using System.Text;
using Moonwire.Engine.Buffers;

namespace Moonwire.Engine.Handshake;

/// <summary>
/// Writes an HTTP/1.1 head as Latin-1 bytes. Every header line is checked on the way out, so no name
/// or value from an option or a script can smuggle in a CR/LF and add lines of its own.
/// </summary>
internal static class HttpHeadWriter
{
    public static void WriteStartLine(ByteBuffer buffer, string line)
    {
        Write(buffer, line);
        Write(buffer, "\r\n");
    }

    /// <exception cref="ArgumentException">The name is not a token or the value holds a control character or a non-Latin-1 one.</exception>
    public static void WriteHeader(ByteBuffer buffer, string name, string value)
    {
        if (!HttpSyntax.IsToken(name))
        {
            throw new ArgumentException($"'{Escape(name)}' is not a valid header name.", nameof(name));
        }

        if (!HttpSyntax.IsFieldValue(value))
        {
            throw new ArgumentException(
                $"The value of header {name} has a control character (CR, LF, NUL...) or a character above U+00FF.", nameof(value));
        }

        Write(buffer, name);
        Write(buffer, ": ");
        Write(buffer, value);
        Write(buffer, "\r\n");
    }

    public static void WriteEnd(ByteBuffer buffer) => Write(buffer, "\r\n");

    private static void Write(ByteBuffer buffer, string text)
    {
        var written = Encoding.Latin1.GetBytes(text, buffer.GetSpan(text.Length));
        buffer.Advance(written);
    }

    // Shows an offending name on one line, whatever it holds.
    private static string Escape(string text) => text.ReplaceLineEndings("\\n");
}
