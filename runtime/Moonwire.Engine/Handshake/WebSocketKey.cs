using System.Security.Cryptography;
using System.Text;

namespace Moonwire.Engine.Handshake;

/// <summary>Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §4.1 item 7, §4.2.2 item 5.4).</summary>
public static class WebSocketKey
{
    /// <summary>Appended to the key before hashing: the RFC's fixed GUID, so only a WebSocket server can answer.</summary>
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A fresh nonce: 16 random bytes, base64-encoded (24 characters).</summary>
    public static string Create()
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return Convert.ToBase64String(nonce);
    }

    /// <summary>base64(SHA-1(key + GUID)): the value a server proves it read the key with.</summary>
    public static string ComputeAccept(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(Encoding.Latin1.GetBytes(key + AcceptGuid), hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Whether <paramref name="key"/> is the base64 of exactly 16 bytes: 24 characters ending in "==".
    /// The length check comes first because the base64 decoder would skip embedded whitespace.
    /// </summary>
    public static bool IsValid(string? key)
    {
        if (key is not { Length: 24 } || key.AsSpan().ContainsAny(" \t\r\n"))
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[18];
        return Convert.TryFromBase64String(key, nonce, out var written) && written == 16;
    }
}
