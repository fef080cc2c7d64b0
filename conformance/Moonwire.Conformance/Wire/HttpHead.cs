using System.Text;

namespace Moonwire.Conformance.Wire;

/// <summary>An HTTP/1.1 request or response head: the start line and the header fields.</summary>
public sealed class HttpHead
{
    private const int MaxSize = 16 * 1024;

    private HttpHead(string startLine, IReadOnlyList<KeyValuePair<string, string>> fields, byte[] rest)
    {
        StartLine = startLine;
        Fields = fields;
        Rest = rest;
    }

    public string StartLine { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>Bytes that arrived after the head (the first frames), to hand to the frame decoder.</summary>
    public byte[] Rest { get; }

    /// <summary>All values of a field, comma-joined as RFC 9110 §5.3 allows.</summary>
    public string? this[string name]
    {
        get
        {
            var values = Fields.Where(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value).ToList();
            return values.Count == 0 ? null : string.Join(", ", values);
        }
    }

    public static async Task<HttpHead> ReadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxSize];
        var filled = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the peer closed the connection during the opening handshake");
            }

            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Parse(Encoding.Latin1.GetString(buffer, 0, end), buffer[(end + 4)..filled]);
            }

            if (filled == buffer.Length)
            {
                throw new IOException("the opening handshake head exceeds 16 KiB");
            }
        }
    }

    private static HttpHead Parse(string text, byte[] rest)
    {
        var lines = text.Split("\r\n");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new IOException($"malformed header line: {line}");
            }

            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpHead(lines[0], fields, rest);
    }
}
