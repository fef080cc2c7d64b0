using System.Buffers;
using System.Globalization;
using System.Text;
using Moonwire.Engine.Buffers;

namespace Moonwire.Engine.Handshake;

/// <summary>The server's side of the opening handshake: judging the request and writing the answer (RFC 6455 §4.2).</summary>
public static class ServerHandshake
{
    /// <summary>Checks the request against §4.2.1 in order, and answers with the first failure's status or 101.</summary>
    public static ServerHandshakeDecision Evaluate(HttpRequestHead head, ServerHandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(options);
        var headers = head.Headers;
        if (head.Method != "GET")
        {
            return Reject(405, "A WebSocket handshake is a GET request.", "Allow", "GET");
        }

        // "HTTP/d.d" with one digit each, so ordinal order is version order.
        if (string.CompareOrdinal(head.Version, "HTTP/1.1") < 0)
        {
            return Reject(505, "A WebSocket handshake needs HTTP/1.1 or later.");
        }

        if (headers.GetAll("Host") is not [{ Length: > 0 }])
        {
            return Reject(400, "The request needs exactly one Host header.");
        }

        if (!headers.HasToken("Upgrade", "websocket") || !headers.HasToken("Connection", "upgrade"))
        {
            return Reject(426, "This is a WebSocket endpoint: send Upgrade: websocket and Connection: Upgrade.", "Upgrade", "websocket");
        }

        // §4.2.2: an unknown version is answered with the versions we do speak.
        if (headers.GetAll("Sec-WebSocket-Version") is not ["13"])
        {
            return Reject(426, "Only WebSocket version 13 is supported.", "Sec-WebSocket-Version", "13");
        }

        if (headers.GetAll("Sec-WebSocket-Key") is not [var key] || !WebSocketKey.IsValid(key))
        {
            return Reject(400, "Sec-WebSocket-Key must be sent once, as the base64 of 16 bytes.");
        }

        if (options.AllowedOrigins is { } allowed && !IsAllowedOrigin(headers.GetAll("Origin"), allowed, options.AllowMissingOrigin))
        {
            return Reject(403, "This origin is not allowed to connect.");
        }

        return new ServerHandshakeDecision
        {
            StatusCode = 101,
            Reason = "Switching Protocols",
            Key = key,
            SubProtocol = ChooseSubProtocol(headers, options.SubProtocols),
            ExtensionOffers = ListElements(headers, "Sec-WebSocket-Extensions"),
        };
    }

    /// <summary>The 101 response (§4.2.2 item 5) for <paramref name="key"/>, echoing what was agreed.</summary>
    public static void WriteAccept(ByteBuffer buffer, string key, string? subProtocol, string? extensions)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        List<KeyValuePair<string, string>> headers =
        [
            new("Upgrade", "websocket"),
            new("Connection", "Upgrade"),
            new("Sec-WebSocket-Accept", WebSocketKey.ComputeAccept(key)),
        ];
        if (subProtocol is not null)
        {
            headers.Add(new("Sec-WebSocket-Protocol", subProtocol));
        }

        if (extensions is not null)
        {
            headers.Add(new("Sec-WebSocket-Extensions", extensions));
        }

        HttpHeadWriter.WriteHead(buffer, "HTTP/1.1 101 Switching Protocols", headers);
    }

    /// <summary>An error response that closes the connection, with the decision's reason as a text body.</summary>
    /// <exception cref="InvalidOperationException">The decision accepted the handshake.</exception>
    public static void WriteRejection(ByteBuffer buffer, ServerHandshakeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Accepted)
        {
            throw new InvalidOperationException("An accepted handshake is answered with WriteAccept.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(decision.StatusCode, 200, nameof(decision));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decision.StatusCode, 599, nameof(decision));
        var body = Encoding.UTF8.GetBytes(decision.Reason);

        // RFC 9110 §7.8: whoever sends Upgrade also lists it in Connection.
        var offersUpgrade = decision.ResponseHeaders.Any(h => h.Key.Equals("Upgrade", StringComparison.OrdinalIgnoreCase));
        List<KeyValuePair<string, string>> headers =
        [
            .. decision.ResponseHeaders,
            new("Connection", offersUpgrade ? "Upgrade, close" : "close"),
            new("Content-Type", "text/plain; charset=utf-8"),
            new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
        ];
        HttpHeadWriter.WriteHead(buffer, string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {decision.StatusCode} {ReasonPhrase(decision.StatusCode)}"), headers);
        buffer.Write(body);
    }

    private static bool IsAllowedOrigin(IReadOnlyList<string> origins, IReadOnlyList<string> allowed, bool allowMissing) => origins switch
    {
        [] => allowMissing,
        [var origin] => allowed.Contains(origin, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };

    private static ServerHandshakeDecision Reject(int statusCode, string reason, string? headerName = null, string? headerValue = null) =>
        new()
        {
            StatusCode = statusCode,
            Reason = reason,
            ResponseHeaders = headerName is null ? [] : [new(headerName, headerValue!)],
        };

    // Subprotocol names compare exactly: the client checks our answer against its own spelling.
    private static string? ChooseSubProtocol(HttpHeaderCollection headers, IReadOnlyList<string> ours)
    {
        var offered = ListElements(headers, "Sec-WebSocket-Protocol");
        return ours.FirstOrDefault(p => offered.Contains(p, StringComparer.Ordinal));
    }

    private static List<string> ListElements(HttpHeaderCollection headers, string name)
    {
        var elements = new List<string>();
        foreach (var (field, value) in headers)
        {
            if (field.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var element in new HttpListElements(value))
                {
                    elements.Add(element.ToString());
                }
            }
        }

        return elements;
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "",
    };
}
