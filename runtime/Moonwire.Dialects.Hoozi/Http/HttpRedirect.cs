namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// Redirects followed by hand (reliability row HT-3): HttpClient's own drop Authorization but keep a
/// Cookie the script set, even on the way to another site. Here a hop to another origin (scheme, host or
/// port) loses every credential header, and a chain stops after <see cref="MaxRedirects"/> hops.
/// </summary>
internal static class HttpRedirect
{
    /// <summary>As many as HttpClient and ws allow.</summary>
    public const int MaxRedirects = 10;

    private static readonly string[] Credentials = ["Authorization", "Cookie", "Proxy-Authorization"];

    /// <summary>The request <paramref name="response"/> redirects to, or null when it is not a redirect to follow.</summary>
    public static HttpCall? Next(HttpCall call, Uri current, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (target.Scheme is not ("http" or "https"))
        {
            return null;
        }

        // RFC 9110 §15.4: 303 asks for a GET; 301 and 302 turn a POST into a GET, as every browser does;
        // 307 and 308 repeat the request as it was.
        var asGet = (status == 303 && call.Method != HttpMethod.Head) || (status is 301 or 302 && call.Method == HttpMethod.Post);
        var sameOrigin = Uri.Compare(current, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        return call with
        {
            Url = target.AbsoluteUri,
            Method = asGet ? HttpMethod.Get : call.Method,
            Body = asGet ? null : call.Body,
            ContentType = asGet ? null : call.ContentType,
            Headers = sameOrigin ? call.Headers : [.. call.Headers.Where(h => !Credentials.Contains(h.Key, StringComparer.OrdinalIgnoreCase))],
        };
    }
}
