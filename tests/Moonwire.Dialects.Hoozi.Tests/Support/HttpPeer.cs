using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>
/// A real HTTP or HTTPS server on a free loopback port (Kestrel). Every endpoint answers with what it
/// was sent, so a test checks the request the dialect made.
/// </summary>
internal sealed class HttpPeer : IAsyncDisposable
{
    /// <summary>Size of <c>/big.zip</c>.</summary>
    public const int BigBytes = 96 << 20;

    private readonly WebApplication _app;

    private HttpPeer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Plain HTTP, or HTTPS with <paramref name="certificate"/>.</summary>
    public static async Task<HttpPeer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }

        var app = builder.Build();
        app.MapGet("/", () => "hello from kestrel");
        // The document's example paths (/log, /me, /item/42) all echo too.
        foreach (var path in new[] { "/echo", "/log", "/me", "/item/{id}" })
        {
            app.Map(path, (Func<HttpContext, Task<IResult>>)Echo);
        }

        app.MapGet("/status/{code:int}", (int code) => Results.Text("status " + code, statusCode: code));
        app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return "too late";
        });
        app.MapGet("/big.zip", async (HttpContext context) =>
        {
            context.Response.ContentLength = BigBytes;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'z');
            for (var sent = 0; sent < BigBytes; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return new HttpPeer(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // "METHOD Authorization=..;Content-Type=..;X-Trace-Id=.. [body]"
    private static async Task<IResult> Echo(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = string.Join(";", context.Request.Headers
            .Where(h => h.Key is "Authorization" or "X-Trace-Id" or "Content-Type")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}={h.Value}"));
        return Results.Text($"{context.Request.Method} {headers} [{body}]");
    }
}
