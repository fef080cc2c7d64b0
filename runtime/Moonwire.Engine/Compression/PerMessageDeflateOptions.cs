using System.IO.Compression;

namespace Moonwire.Engine.Compression;

/// <summary>
/// What one side asks for in permessage-deflate (RFC 7692 §7.1). A client offers these settings; a server
/// accepts an offer on these terms. Windows are in bits, 8..15 (256 B..32 KiB).
/// </summary>
public sealed record PerMessageDeflateOptions
{
    /// <summary>The smallest window zlib supports, 256 bytes.</summary>
    public const int MinWindowBits = 8;
    /// <summary>The largest window, 32 KiB (the RFC 7692 default).</summary>
    public const int MaxWindowBits = 15;

    private readonly int _clientMaxWindowBits = MaxWindowBits;
    private readonly int _serverMaxWindowBits = MaxWindowBits;
    private readonly int _threshold = 64;
    private readonly CompressionLevel _level = CompressionLevel.Fastest;

    /// <summary>The client starts every message with an empty window (its compression state is not kept).</summary>
    public bool ClientNoContextTakeover { get; init; }

    /// <summary>The server starts every message with an empty window.</summary>
    public bool ServerNoContextTakeover { get; init; }

    /// <summary>The largest window the client compresses with.</summary>
    public int ClientMaxWindowBits
    {
        get => _clientMaxWindowBits;
        init => _clientMaxWindowBits = CheckWindowBits(value);
    }

    /// <summary>The largest window the server compresses with.</summary>
    public int ServerMaxWindowBits
    {
        get => _serverMaxWindowBits;
        init => _serverMaxWindowBits = CheckWindowBits(value);
    }

    /// <summary>Messages shorter than this many bytes are sent uncompressed: deflating them costs more than it saves.</summary>
    public int Threshold
    {
        get => _threshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _threshold = value;
        }
    }

    /// <summary>How hard this side compresses what it sends.</summary>
    public CompressionLevel Level
    {
        get => _level;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown compression level.");
            }

            _level = value;
        }
    }

    private static int CheckWindowBits(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, MinWindowBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxWindowBits);
        return value;
    }
}
