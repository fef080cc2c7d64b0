using System.Buffers;

namespace Moonwire.Engine.Handshake;

/// <summary>The character classes of RFC 9110 §5 that decide what may appear in a header name or value.</summary>
internal static class HttpSyntax
{
    private const string TokenCharacters = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // field-vchar / SP / HTAB: every byte but the controls and DEL. Forbidding CR, LF and NUL is what
    // stops header injection; the other controls have no legitimate use in a WebSocket handshake.
    private const string ForbiddenInValues =
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F";

    private static readonly SearchValues<byte> TokenBytes = SearchValues.Create(TokenCharacters.Select(c => (byte)c).ToArray());
    private static readonly SearchValues<char> TokenChars = SearchValues.Create(TokenCharacters);
    private static readonly SearchValues<byte> ForbiddenValueBytes = SearchValues.Create(ForbiddenInValues.Select(c => (byte)c).ToArray());
    private static readonly SearchValues<char> ForbiddenValueChars = SearchValues.Create(ForbiddenInValues);

    /// <summary>Optional whitespace (OWS) around a value or list element.</summary>
    public static ReadOnlySpan<byte> Whitespace => " \t"u8;

    public static bool IsToken(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenBytes);

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenChars);

    public static bool IsFieldValue(ReadOnlySpan<byte> text) => !text.ContainsAny(ForbiddenValueBytes);

    /// <summary>A value we are about to write: also one byte per character (Latin-1), so what we send is what the peer reads.</summary>
    public static bool IsFieldValue(ReadOnlySpan<char> text) =>
        !text.ContainsAny(ForbiddenValueChars) && !text.ContainsAnyInRange((char)0x100, char.MaxValue);
}
