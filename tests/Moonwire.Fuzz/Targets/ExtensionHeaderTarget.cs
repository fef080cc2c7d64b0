using System.Text;
using Moonwire.Engine.Compression;

namespace Moonwire.Fuzz;

/// <summary>
/// A hostile Sec-WebSocket-Extensions value (read as Latin-1, as header values are) through
/// <see cref="ExtensionHeader.TryParse"/> and both sides of <see cref="DeflateNegotiation"/>. A parsed list
/// must print back to a value that parses to the same list, and whatever is agreed must be in range.
/// Input: byte 0 picks the options of both sides, then the value.
/// </summary>
public static class ExtensionHeaderTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var value = Encoding.Latin1.GetString(input[1..]);
        if (ExtensionHeader.TryParse(value, out var elements))
        {
            InvariantViolation.ThrowUnless(elements.Count > 0, "a parsed list has an element");
            var printed = Print(elements);
            InvariantViolation.ThrowUnless(ExtensionHeader.TryParse(printed, out var reparsed) && Print(reparsed) == printed,
                "a parsed list prints back to the same list");
        }

        var options = new PerMessageDeflateOptions
        {
            ServerNoContextTakeover = (input[0] & 1) != 0,
            ClientNoContextTakeover = (input[0] & 2) != 0,
            ServerMaxWindowBits = 8 + ((input[0] >> 2) & 7),
            ClientMaxWindowBits = 15 - ((input[0] >> 5) & 7),
        };
        if (DeflateNegotiation.TryAccept([value], options, out var accepted, out var response))
        {
            InvariantViolation.ThrowUnless(accepted.ServerMaxWindowBits >= 8 && accepted.ServerMaxWindowBits <= options.ServerMaxWindowBits,
                "the server compresses within its own window limit");
            InvariantViolation.ThrowUnless(accepted.ClientMaxWindowBits is >= 8 and <= 15, "the client's window is 8..15 bits");
            InvariantViolation.ThrowUnless(accepted.ServerNoContextTakeover || !options.ServerNoContextTakeover, "the server keeps its own no_context_takeover");
            InvariantViolation.ThrowUnless(ExtensionHeader.TryParse(response, out var answer) && answer.Count == 1,
                "the server answers with one well-formed element");
        }

        if (DeflateNegotiation.TryParseResponse(value, options, out var agreed, out var error))
        {
            InvariantViolation.ThrowUnless(agreed.ClientMaxWindowBits >= 8 && agreed.ClientMaxWindowBits <= options.ClientMaxWindowBits,
                "the client compresses within the window it offered");
            InvariantViolation.ThrowUnless(agreed.ServerMaxWindowBits is >= 8 and <= 15, "the server's window is 8..15 bits");
        }
        else
        {
            InvariantViolation.ThrowUnless(error.Length > 0, "a refused response says why");
        }
    }

    private static string Print(IReadOnlyList<ExtensionElement> elements) =>
        string.Join(", ", elements.Select(e => string.Concat(e.Name, string.Concat(e.Parameters.Select(p => p.Value is null ? $"; {p.Name}" : $"; {p.Name}={p.Value}")))));
}
