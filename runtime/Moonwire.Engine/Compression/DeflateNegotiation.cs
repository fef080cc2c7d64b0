using System.Globalization;
using System.Text;

namespace Moonwire.Engine.Compression;

/// <summary>
/// The permessage-deflate handshake (RFC 7692 §5, §7.1): the client's offer, the server's choice among the
/// offers and its response, and the client's check of that response. Parameters are matched case-insensitively.
/// </summary>
public static class DeflateNegotiation
{
    /// <summary>The extension token of RFC 7692.</summary>
    public const string ExtensionName = "permessage-deflate";

    private const string ServerNoContextTakeover = "server_no_context_takeover";
    private const string ClientNoContextTakeover = "client_no_context_takeover";
    private const string ServerMaxWindowBits = "server_max_window_bits";
    private const string ClientMaxWindowBits = "client_max_window_bits";

    private static readonly string[] KnownParameters =
        [ServerNoContextTakeover, ClientNoContextTakeover, ServerMaxWindowBits, ClientMaxWindowBits];

    /// <summary>
    /// The client's Sec-WebSocket-Extensions value. client_max_window_bits is always offered, bare when any
    /// window is fine, because this client can compress with whatever window the server picks (§7.1.2.2).
    /// </summary>
    public static string CreateOffer(PerMessageDeflateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offer = new StringBuilder(ExtensionName);
        AppendFlag(offer, ClientNoContextTakeover, options.ClientNoContextTakeover);
        AppendFlag(offer, ServerNoContextTakeover, options.ServerNoContextTakeover);
        AppendWindow(offer, ServerMaxWindowBits, options.ServerMaxWindowBits, include: options.ServerMaxWindowBits < PerMessageDeflateOptions.MaxWindowBits);
        offer.Append("; ").Append(ClientMaxWindowBits);
        if (options.ClientMaxWindowBits < PerMessageDeflateOptions.MaxWindowBits)
        {
            offer.Append('=').Append(options.ClientMaxWindowBits.ToString(CultureInfo.InvariantCulture));
        }

        return offer.ToString();
    }

    /// <summary>
    /// Server side: accepts the first permessage-deflate offer it can honour (§5: offers are in the client's
    /// order of preference) and builds the response. An offer with unknown, repeated or invalid parameters is
    /// declined and the next one tried (§7.1). False when none is acceptable: the server then sends no extension.
    /// </summary>
    /// <param name="offers">Elements of the request's Sec-WebSocket-Extensions headers; an element may itself be a list.</param>
    /// <param name="options">The terms this server accepts.</param>
    /// <param name="agreed">The parameters both sides compress with, when accepted.</param>
    /// <param name="response">The Sec-WebSocket-Extensions value to answer with, when accepted.</param>
    public static bool TryAccept(IEnumerable<string> offers, PerMessageDeflateOptions options, out DeflateParameters agreed, out string response)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var offer in offers)
        {
            if (!ExtensionHeader.TryParse(offer, out var elements))
            {
                continue;
            }

            foreach (var element in elements)
            {
                if (IsDeflate(element) && TryReadParameters(element, isResponse: false, out var requested, out _))
                {
                    agreed = Accept(requested, options);
                    response = CreateResponse(agreed, requested);
                    return true;
                }
            }
        }

        agreed = default;
        response = "";
        return false;
    }

    /// <summary>
    /// Client side: checks the server's Sec-WebSocket-Extensions value against what <paramref name="offered"/>
    /// asked for (§7.1). <paramref name="agreed"/> gives the windows this client compresses with: the server's
    /// limit or the client's own, whichever is smaller.
    /// </summary>
    public static bool TryParseResponse(string extensions, PerMessageDeflateOptions offered, out DeflateParameters agreed, out string error)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(offered);
        agreed = default;
        if (!ExtensionHeader.TryParse(extensions, out var elements))
        {
            error = $"malformed Sec-WebSocket-Extensions value '{extensions}'.";
            return false;
        }

        if (elements.Count != 1 || !IsDeflate(elements[0]))
        {
            error = $"the server accepted extensions that were not offered: '{extensions}'.";
            return false;
        }

        if (!TryReadParameters(elements[0], isResponse: true, out var response, out error))
        {
            return false;
        }

        var max = PerMessageDeflateOptions.MaxWindowBits;
        var askedServerWindow = offered.ServerMaxWindowBits < max;
        if (offered.ServerNoContextTakeover && !response.ServerNoContextTakeover)
        {
            error = $"{ServerNoContextTakeover} was requested but not confirmed.";
        }
        else if (askedServerWindow && response.ServerMaxWindowBits is null)
        {
            error = $"{ServerMaxWindowBits}={offered.ServerMaxWindowBits} was requested but not confirmed.";
        }
        else if (askedServerWindow && response.ServerMaxWindowBits > offered.ServerMaxWindowBits)
        {
            error = $"{ServerMaxWindowBits}={response.ServerMaxWindowBits} is wider than the {offered.ServerMaxWindowBits} requested.";
        }
        else if (offered.ClientMaxWindowBits < max && response.ClientMaxWindowBits > offered.ClientMaxWindowBits)
        {
            error = $"{ClientMaxWindowBits}={response.ClientMaxWindowBits} is wider than the {offered.ClientMaxWindowBits} offered.";
        }
        else
        {
            agreed = new DeflateParameters(
                response.ServerNoContextTakeover,
                response.ClientNoContextTakeover || offered.ClientNoContextTakeover,
                response.ServerMaxWindowBits ?? max,
                Math.Min(response.ClientMaxWindowBits ?? max, offered.ClientMaxWindowBits));
            return true;
        }

        return false;
    }

    private static DeflateParameters Accept(Requested requested, PerMessageDeflateOptions options)
    {
        var max = PerMessageDeflateOptions.MaxWindowBits;

        // A client that did not offer client_max_window_bits may not understand it, so its window stays 15 (§7.1.2.2).
        var clientWindow = requested.ClientMaxWindowBitsOffered
            ? Math.Min(options.ClientMaxWindowBits, requested.ClientMaxWindowBits ?? max)
            : max;
        return new DeflateParameters(
            requested.ServerNoContextTakeover || options.ServerNoContextTakeover,
            requested.ClientNoContextTakeover || options.ClientNoContextTakeover,
            Math.Min(options.ServerMaxWindowBits, requested.ServerMaxWindowBits ?? max),
            clientWindow);
    }

    private static string CreateResponse(DeflateParameters agreed, Requested requested)
    {
        var max = PerMessageDeflateOptions.MaxWindowBits;
        var response = new StringBuilder(ExtensionName);
        AppendFlag(response, ServerNoContextTakeover, agreed.ServerNoContextTakeover);
        AppendFlag(response, ClientNoContextTakeover, agreed.ClientNoContextTakeover);

        // A requested server window must be confirmed (§7.1.2.1). An unrequested narrower one stays unsaid: the
        // client's inflater copes anyway, and some clients reject the parameter when they did not ask for it.
        AppendWindow(response, ServerMaxWindowBits, agreed.ServerMaxWindowBits, include: requested.ServerMaxWindowBits is not null);
        AppendWindow(response, ClientMaxWindowBits, agreed.ClientMaxWindowBits, include: agreed.ClientMaxWindowBits < max);
        return response.ToString();
    }

    private static bool IsDeflate(ExtensionElement element) =>
        string.Equals(element.Name, ExtensionName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the four parameters of §7.1, rejecting unknown ones, repeats (§7.1: "MUST NOT include more than one")
    /// and bad values. Only an offer's client_max_window_bits may be bare (§7.1.2.2).
    /// </summary>
    private static bool TryReadParameters(ExtensionElement element, bool isResponse, out Requested requested, out string error)
    {
        requested = default;
        var seen = new HashSet<string>();
        foreach (var (name, value) in element.Parameters)
        {
            var parameter = Array.Find(KnownParameters, known => known.Equals(name, StringComparison.OrdinalIgnoreCase));
            var bits = value is null ? null : WindowBits(value);
            var valid = parameter switch
            {
                ServerNoContextTakeover or ClientNoContextTakeover => value is null,
                ClientMaxWindowBits when value is null => !isResponse,
                _ => bits is not null,
            };
            error = parameter is null ? $"unknown parameter {name}."
                : !seen.Add(parameter) ? $"parameter {name} is repeated."
                : !valid ? $"invalid value for {name}: '{value}'."
                : "";
            if (error.Length > 0)
            {
                return false;
            }

            requested = parameter switch
            {
                ServerNoContextTakeover => requested with { ServerNoContextTakeover = true },
                ClientNoContextTakeover => requested with { ClientNoContextTakeover = true },
                ServerMaxWindowBits => requested with { ServerMaxWindowBits = bits },
                _ => requested with { ClientMaxWindowBitsOffered = true, ClientMaxWindowBits = bits },
            };
        }

        error = "";
        return true;
    }

    /// <summary>The value grammar of §7.1.2: a decimal 8..15 with no leading zeros or sign.</summary>
    private static int? WindowBits(string value) => value switch
    {
        "8" or "9" => value[0] - '0',
        ['1', >= '0' and <= '5'] => 10 + value[1] - '0',
        _ => null,
    };

    private static void AppendFlag(StringBuilder header, string name, bool include)
    {
        if (include)
        {
            header.Append("; ").Append(name);
        }
    }

    private static void AppendWindow(StringBuilder header, string name, int bits, bool include)
    {
        if (include)
        {
            header.Append("; ").Append(name).Append('=').Append(bits.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The parameters one offer or response carried; a null window was not given (or given bare).</summary>
    private readonly record struct Requested(
        bool ServerNoContextTakeover,
        bool ClientNoContextTakeover,
        int? ServerMaxWindowBits,
        bool ClientMaxWindowBitsOffered,
        int? ClientMaxWindowBits);
}
