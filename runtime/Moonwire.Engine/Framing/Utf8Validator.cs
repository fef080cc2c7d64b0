using System.Text.Unicode;

namespace Moonwire.Engine.Framing;

/// <summary>
/// Streaming UTF-8 validation for text messages that arrive in pieces (RFC 6455 §8.1): a code point may
/// straddle frames and fragments. Whole code points go through the runtime's vectorised
/// <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>; only the up-to-3 bytes of a code point cut at a piece's
/// edge go through the byte-at-a-time automaton below, which follows Unicode's Table 3-7 (no overlongs,
/// no surrogates, nothing above U+10FFFF). A piece fails as soon as it holds an invalid byte.
/// </summary>
public struct Utf8Validator
{
    private int _pending;      // continuation bytes still owed by the current code point
    private byte _low;         // the range the next continuation byte must fall in
    private byte _high;

    /// <summary>True between code points: a message may end here.</summary>
    public readonly bool IsAtCodePointBoundary => _pending == 0;

    /// <summary>Forgets any partial code point, for the next message.</summary>
    public void Reset() => this = default;

    /// <summary>Validates the next piece; false at the first byte that cannot be UTF-8.</summary>
    public bool TryAdvance(ReadOnlySpan<byte> piece)
    {
        var i = 0;
        while (_pending != 0 && i < piece.Length)
        {
            if (!Step(piece[i++]))
            {
                return false;
            }
        }

        var rest = piece[i..];
        var cut = IncompleteTailStart(rest);
        if (!Utf8.IsValid(rest[..cut]))
        {
            return false;
        }

        foreach (var b in rest[cut..])
        {
            if (!Step(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where a code point that the piece's last bytes start but do not finish begins (or the length).</summary>
    private static int IncompleteTailStart(ReadOnlySpan<byte> piece)
    {
        for (var j = piece.Length - 1; j >= 0 && j >= piece.Length - 3; j--)
        {
            var b = piece[j];
            if ((b & 0xC0) != 0x80)
            {
                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > piece.Length - j ? j : piece.Length;
            }
        }

        return piece.Length;
    }

    private bool Step(byte b)
    {
        if (_pending != 0)
        {
            if (b < _low || b > _high)
            {
                return false;
            }

            _pending--;
            _low = 0x80;
            _high = 0xBF;
            return true;
        }

        (_pending, _low, _high) = b switch
        {
            < 0x80 => (0, (byte)0x80, (byte)0xBF),
            >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
            0xE0 => (2, (byte)0xA0, (byte)0xBF),
            0xED => (2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
            0xF0 => (3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
            0xF4 => (3, (byte)0x80, (byte)0x8F),
            _ => (-1, (byte)0, (byte)0),
        };
        if (_pending < 0)
        {
            _pending = 0;
            return false;
        }

        return true;
    }
}
