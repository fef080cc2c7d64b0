namespace Moonwire.Dialects.Hoozi;

/// <summary>One request as the script asked for it, read from the Lua arguments.</summary>
internal sealed record HttpCall(
    string Url,
    HttpMethod Method,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    string? SaveTo,
    TimeSpan Timeout);

/// <summary>What the callback's <c>resp</c> table holds.</summary>
internal readonly record struct HttpResult(int Status, byte[] Body, string Error)
{
    /// <summary>Transport succeeded and the status is 2xx.</summary>
    public bool Ok => Error.Length == 0 && Status is >= 200 and < 300;

    public static HttpResult Failed(string error) => new(0, [], error);
}
