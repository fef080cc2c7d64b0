using System.Globalization;
using System.Text;

namespace Moonwire.Conformance.Wire;

/// <summary>
/// One permessage-deflate parameter set (RFC 7692 §7.1), as offered or as agreed. A window of 0 means
/// "not mentioned"; <c>ClientMaxWindowBits == -1</c> in an offer means the bare client_max_window_bits.
/// </summary>
public sealed record DeflateParameters(
    bool ServerNoContextTakeover = false,
    bool ClientNoContextTakeover = false,
    int ServerMaxWindowBits = 0,
    int ClientMaxWindowBits = 0)
{
    public const int BareWindowBits = -1;

    public override string ToString()
    {
        var text = new StringBuilder("permessage-deflate");
        if (ServerNoContextTakeover)
        {
            text.Append("; server_no_context_takeover");
        }

        if (ClientNoContextTakeover)
        {
            text.Append("; client_no_context_takeover");
        }

        if (ServerMaxWindowBits > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; server_max_window_bits={ServerMaxWindowBits}");
        }

        if (ClientMaxWindowBits == BareWindowBits)
        {
            text.Append("; client_max_window_bits");
        }
        else if (ClientMaxWindowBits > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; client_max_window_bits={ClientMaxWindowBits}");
        }

        return text.ToString();
    }

    /// <summary>Every permessage-deflate element of a Sec-WebSocket-Extensions value, in order.</summary>
    public static IReadOnlyList<DeflateParameters> ParseAll(string? header)
    {
        var result = new List<DeflateParameters>();
        if (header is null)
        {
            return result;
        }

        foreach (var element in header.Split(','))
        {
            var parts = element.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !parts[0].Equals("permessage-deflate", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameters = new DeflateParameters();
            foreach (var part in parts.Skip(1))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var name = (equals < 0 ? part : part[..equals]).Trim().ToLowerInvariant();
                var value = equals < 0 ? null : part[(equals + 1)..].Trim().Trim('"');
                parameters = name switch
                {
                    "server_no_context_takeover" => parameters with { ServerNoContextTakeover = true },
                    "client_no_context_takeover" => parameters with { ClientNoContextTakeover = true },
                    "server_max_window_bits" => parameters with { ServerMaxWindowBits = Bits(value) },
                    "client_max_window_bits" => parameters with { ClientMaxWindowBits = value is null ? BareWindowBits : Bits(value) },
                    _ => throw new FormatException($"unknown permessage-deflate parameter '{name}'"),
                };
            }

            result.Add(parameters);
        }

        return result;
    }

    private static int Bits(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is >= 8 and <= 15
            ? bits
            : throw new FormatException($"invalid window bits '{value}'");
}
