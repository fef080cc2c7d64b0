using System.Globalization;
using Moonwire.Engine.Buffers;

namespace Moonwire.Engine.Handshake;

/// <summary>The client's side of the opening handshake: the request it sends and the checks on the answer (RFC 6455 §4.1).</summary>
public static class ClientHandshake
{
    // Lines the handshake writes itself; a custom copy would contradict or duplicate them. The
    // subprotocol and extension lines have their own options, which keep them well-formed.
    private static readonly string[] ReservedHeaders =
    [
        "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Accept",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
    ];

    /// <exception cref="ArgumentException">
    /// A subprotocol that is not a token or is offered twice, a reserved custom header, or a name or
    /// value that would inject header lines; nothing is written then.
    /// </exception>
    public static void WriteRequest(ByteBuffer buffer, ClientHandshakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(request);
        CheckSubProtocols(request.SubProtocols);
        foreach (var (name, _) in request.Headers)
        {
            if (ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
                || (request.Origin is not null && name.Equals("Origin", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"Header {name} is set by the handshake itself and cannot be added.", nameof(request));
            }
        }

        List<KeyValuePair<string, string>> headers =
        [
            new("Host", HostHeader(request.Uri)),
            new("Upgrade", "websocket"),
            new("Connection", "Upgrade"),
            new("Sec-WebSocket-Key", request.Key),
            new("Sec-WebSocket-Version", "13"),
        ];
        if (request.SubProtocols.Count > 0)
        {
            headers.Add(new("Sec-WebSocket-Protocol", string.Join(", ", request.SubProtocols)));
        }

        if (request.ExtensionOffer is { } offer)
        {
            headers.Add(new("Sec-WebSocket-Extensions", offer));
        }

        if (request.Origin is { } origin)
        {
            headers.Add(new("Origin", origin));
        }

        headers.AddRange(request.Headers);

        // §3: the fragment is not part of a WebSocket URL, and PathAndQuery leaves it out.
        HttpHeadWriter.WriteHead(buffer, $"GET {request.Uri.PathAndQuery} HTTP/1.1", headers);
    }

    /// <summary>
    /// Checks the server's answer against what we asked for (§4.1, the client's checks 1–6). Returns
    /// null when the connection is open, else a one-line reason to fail it with.
    /// </summary>
    /// <param name="extensions">The raw Sec-WebSocket-Extensions value (repeats joined with ", "), for the caller to parse.</param>
    /// <param name="head">The server's response head.</param>
    /// <param name="request">What the client sent.</param>
    /// <param name="subProtocol">The subprotocol the server chose, if any.</param>
    public static string? Validate(HttpResponseHead head, ClientHandshakeRequest request, out string? subProtocol, out string? extensions)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(request);
        subProtocol = extensions = null;
        var headers = head.Headers;
        if (head.StatusCode != 101)
        {
            var reason = head.Reason.Length > 0 ? $" {head.Reason}" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"The server answered {head.StatusCode}{reason} instead of 101 Switching Protocols.");
        }

        if (!headers.HasToken("Upgrade", "websocket"))
        {
            return "The server's 101 response lacks 'Upgrade: websocket'.";
        }

        if (!headers.HasToken("Connection", "upgrade"))
        {
            return "The server's 101 response lacks 'Connection: Upgrade'.";
        }

        if (headers.GetAll("Sec-WebSocket-Accept") is not [var accept] || accept != WebSocketKey.ComputeAccept(request.Key))
        {
            return "The server's Sec-WebSocket-Accept is missing or does not match the key we sent.";
        }

        var protocols = headers.GetAll("Sec-WebSocket-Protocol");
        if (protocols.Count > 0 && (protocols is not [var chosen] || !request.SubProtocols.Contains(chosen, StringComparer.Ordinal)))
        {
            return $"The server chose subprotocol '{string.Join(", ", protocols)}', which is not one we offered.";
        }

        var offered = headers.GetAll("Sec-WebSocket-Extensions");
        if (offered.Count > 0 && request.ExtensionOffer is null)
        {
            return $"The server accepted extension '{string.Join(", ", offered)}', which we did not offer.";
        }

        subProtocol = protocols.Count > 0 ? protocols[0] : null;
        extensions = offered.Count > 0 ? string.Join(", ", offered) : null;
        return null;
    }

    // §4.1 item 10: each subprotocol is a token, and none is offered twice.
    private static void CheckSubProtocols(IReadOnlyList<string> subProtocols)
    {
        for (var i = 0; i < subProtocols.Count; i++)
        {
            if (!HttpSyntax.IsToken(subProtocols[i]))
            {
                throw new ArgumentException($"Subprotocol '{subProtocols[i]}' is not a token (printable ASCII without separators).", nameof(subProtocols));
            }

            for (var j = 0; j < i; j++)
            {
                if (subProtocols[j] == subProtocols[i])
                {
                    throw new ArgumentException($"Subprotocol '{subProtocols[i]}' is offered twice.", nameof(subProtocols));
                }
            }
        }
    }

    // §4.1 item 4: the port appears only when it is not the scheme's default; IPv6 literals need brackets (RFC 3986 §3.2.2).
    private static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        var defaultPort = uri.Scheme == "wss" ? 443 : 80;
        return uri.Port == defaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{uri.Port}");
    }
}
