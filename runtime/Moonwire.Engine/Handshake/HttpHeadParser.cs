using System.Text;

namespace Moonwire.Engine.Handshake;

/// <summary>
/// Parses an HTTP/1.1 request or response head (RFC 9112 §2–§5) from the bytes received so far.
/// Stateless: after <see cref="HeadParseStatus.NeedMoreData"/> the caller appends what arrived and
/// calls again with the whole buffer. Each complete line is checked as soon as it is there and every
/// limit is measured against the bytes already present, so a head that never ends is refused when it
/// passes a limit instead of growing without bound. Strict where laxness lets two parsers disagree
/// (request smuggling): CRLF only, no obs-fold, no whitespace before the colon, no control characters
/// in values. Bytes are read as Latin-1, and strings are made only once the head is complete.
/// </summary>
public static class HttpHeadParser
{
    /// <param name="consumed">With Done, the head's length up to and including the blank line; what follows is the caller's.</param>
    /// <param name="input">Every byte received so far, from the start of the head.</param>
    /// <param name="limits">The bounds the head must stay within.</param>
    /// <param name="head">The parsed head, with Done.</param>
    public static HeadParseStatus TryParseRequest(ReadOnlySpan<byte> input, HttpLimits limits, out HttpRequestHead? head, out int consumed)
    {
        head = null;
        var status = Scan(input, limits, isRequest: true, out consumed);
        if (status == HeadParseStatus.Done)
        {
            var lineEnd = input.IndexOf("\r\n"u8);
            SplitRequestLine(input[..lineEnd], out var method, out var target, out var version);
            head = new HttpRequestHead
            {
                Method = Text(method),
                Target = Text(target),
                Version = Text(version),
                Headers = ReadHeaders(input[(lineEnd + 2)..consumed]),
            };
        }

        return status;
    }

    /// <param name="consumed">With Done, the head's length up to and including the blank line; what follows is the caller's.</param>
    /// <param name="input">Every byte received so far, from the start of the head.</param>
    /// <param name="limits">The bounds the head must stay within.</param>
    /// <param name="head">The parsed head, with Done.</param>
    public static HeadParseStatus TryParseResponse(ReadOnlySpan<byte> input, HttpLimits limits, out HttpResponseHead? head, out int consumed)
    {
        head = null;
        var status = Scan(input, limits, isRequest: false, out consumed);
        if (status == HeadParseStatus.Done)
        {
            var lineEnd = input.IndexOf("\r\n"u8);
            var line = input[..lineEnd];
            head = new HttpResponseHead
            {
                Version = Text(line[..8]),
                StatusCode = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0'),
                Reason = line.Length > 12 ? Text(line[13..]) : "",
                Headers = ReadHeaders(input[(lineEnd + 2)..consumed]),
            };
        }

        return status;
    }

    /// <summary>The HTTP status a server answers a failed request head with.</summary>
    public static int StatusCodeFor(HeadParseStatus status) => status switch
    {
        HeadParseStatus.Malformed => 400,
        HeadParseStatus.RequestLineTooLong => 414,
        HeadParseStatus.HeaderLineTooLong or HeadParseStatus.HeadTooLarge or HeadParseStatus.TooManyHeaders => 431,
        HeadParseStatus.UnsupportedVersion => 505,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a failure."),
    };

    /// <summary>Walks the lines without allocating: the first failure, NeedMoreData, or Done with the head's length.</summary>
    private static HeadParseStatus Scan(ReadOnlySpan<byte> input, HttpLimits limits, bool isRequest, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(limits);
        consumed = 0;
        var window = input[..Math.Min(input.Length, limits.MaxHeadBytes)];
        var longestLine = (int)Math.Min(int.MaxValue, limits.MaxHeaderLineBytes + 2L);
        var position = 0;
        for (var lineIndex = 0; ; lineIndex++)
        {
            var rest = window[position..];
            var lineFeed = rest[..Math.Min(rest.Length, longestLine)].IndexOf((byte)'\n');
            if (lineFeed < 0)
            {
                if (rest.Length >= longestLine)
                {
                    return isRequest && lineIndex == 0 ? HeadParseStatus.RequestLineTooLong : HeadParseStatus.HeaderLineTooLong;
                }

                // The window ends at MaxHeadBytes: a head not finished inside it is too large.
                return input.Length >= limits.MaxHeadBytes ? HeadParseStatus.HeadTooLarge : HeadParseStatus.NeedMoreData;
            }

            if (lineFeed == 0 || rest[lineFeed - 1] != '\r')
            {
                return HeadParseStatus.Malformed;
            }

            var line = rest[..(lineFeed - 1)];
            position += lineFeed + 1;
            if (lineIndex == 0)
            {
                var first = isRequest ? CheckRequestLine(line) : CheckStatusLine(line);
                if (first != HeadParseStatus.Done)
                {
                    return first;
                }
            }
            else if (line.IsEmpty)
            {
                consumed = position;
                return HeadParseStatus.Done;
            }
            else if (lineIndex > limits.MaxHeaderCount)
            {
                return HeadParseStatus.TooManyHeaders;
            }
            else if (!TrySplitHeader(line, out _, out _))
            {
                return HeadParseStatus.Malformed;
            }
        }
    }

    // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
    private static HeadParseStatus CheckRequestLine(ReadOnlySpan<byte> line)
    {
        if (!SplitRequestLine(line, out var method, out var target, out var version)
            || !HttpSyntax.IsToken(method)
            || target.IsEmpty
            || target.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
        {
            return HeadParseStatus.Malformed;
        }

        return CheckVersion(version);
    }

    // status-line = HTTP-version SP 3DIGIT SP [ reason-phrase ] (RFC 9112 §4); a missing SP before an
    // empty reason is tolerated, as §4 asks of clients.
    private static HeadParseStatus CheckStatusLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 12 || line[8] != ' ' || line[9..12].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return HeadParseStatus.Malformed;
        }

        var reason = line[12..];
        if (!reason.IsEmpty && (reason[0] != ' ' || !HttpSyntax.IsFieldValue(reason)))
        {
            return HeadParseStatus.Malformed;
        }

        return CheckVersion(line[..8]);
    }

    // HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive; only major version 1 has this syntax.
    private static HeadParseStatus CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length != 8 || !version.StartsWith("HTTP/"u8) || version[6] != '.'
            || !char.IsAsciiDigit((char)version[5]) || !char.IsAsciiDigit((char)version[7]))
        {
            return HeadParseStatus.Malformed;
        }

        return version[5] == '1' ? HeadParseStatus.Done : HeadParseStatus.UnsupportedVersion;
    }

    private static bool SplitRequestLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> target,
        out ReadOnlySpan<byte> version)
    {
        method = target = version = default;
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace < 0)
        {
            return false;
        }

        var rest = line[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace < 0)
        {
            return false;
        }

        method = line[..firstSpace];
        target = rest[..secondSpace];
        version = rest[(secondSpace + 1)..];
        return true;
    }

    // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). A name must be a token, which also
    // refuses obs-fold (a line starting with SP or HTAB) and whitespace before the colon (§5.1).
    private static bool TrySplitHeader(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var colon = line.IndexOf((byte)':');
        name = colon < 0 ? default : line[..colon];
        value = colon < 0 ? default : line[(colon + 1)..].Trim(HttpSyntax.Whitespace);
        return HttpSyntax.IsToken(name) && HttpSyntax.IsFieldValue(value);
    }

    /// <summary>Materialises header lines that <see cref="Scan"/> already validated, up to the blank line.</summary>
    private static HttpHeaderCollection ReadHeaders(ReadOnlySpan<byte> lines)
    {
        var headers = new HttpHeaderCollection();
        for (var end = lines.IndexOf("\r\n"u8); end > 0; end = lines.IndexOf("\r\n"u8))
        {
            TrySplitHeader(lines[..end], out var name, out var value);
            headers.Add(Text(name), Text(value));
            lines = lines[(end + 2)..];
        }

        return headers;
    }

    // Latin-1 maps each byte to one char, so values keep their exact bytes (RFC 9110 §5.5 obs-text).
    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
