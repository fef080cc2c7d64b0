using System.Net.Http.Headers;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// Runs one <see cref="HttpCall"/> over HttpClient and turns every outcome into an
/// <see cref="HttpResult"/>: the callback always gets a response, never an exception.
/// </summary>
internal static class HttpTransfer
{
    /// <summary>A body kept in memory (a Lua string) stops here; larger downloads use save_to_file.</summary>
    public const int MaxBodyBytes = 64 << 20;

    public static async Task<HttpResult> RunAsync(HttpClient client, HttpCall call, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(call.Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = CreateRequest(call);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                if (HttpRedirect.Next(call, request.RequestUri!, response) is not { } next)
                {
                    return await ReadAsync(call, response, deadline.Token).ConfigureAwait(false);
                }

                if (redirects == HttpRedirect.MaxRedirects)
                {
                    return new HttpResult((int)response.StatusCode, [], $"stopped after {HttpRedirect.MaxRedirects} redirects");
                }

                call = next;
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return HttpResult.Failed($"timed out after {call.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException refused)
        {
            // HttpClient's own message ends "see inner exception", which a script cannot: say why here.
            return HttpResult.Failed($"TLS handshake with {call.Url} failed: {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            return HttpResult.Failed(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HttpResult.Failed(e.Message);
        }
    }

    /// <summary>The final response: its body in memory, or saved to the file the script named.</summary>
    private static async Task<HttpResult> ReadAsync(HttpCall call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (call.SaveTo is { } path)
        {
            await SaveAsync(content, path, cancellationToken).ConfigureAwait(false);
            return new HttpResult(status, [], "");
        }

        // The stream is already inflated (AutomaticDecompression), so a gzip bomb meets the cap too.
        return await ReadBodyAsync(content, cancellationToken).ConfigureAwait(false) is { } body
            ? new HttpResult(status, body, "")
            : new HttpResult(status, [], $"response body is over {MaxBodyBytes >> 20} MB; use save_to_file");
    }

    private static HttpRequestMessage CreateRequest(HttpCall call)
    {
        var request = new HttpRequestMessage(call.Method, call.Url);
        if (call.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in call.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (call.ContentType is { } contentType)
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    // The file appears only when complete: a failed download leaves the old file, or none.
    private static async Task SaveAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(Stream content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
