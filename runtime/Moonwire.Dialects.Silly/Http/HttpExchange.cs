using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;

namespace Moonwire.Dialects.Silly.Http;

/// <summary>
/// One HTTP request handed to a script's handler (a silly <c>stream</c>). Kestrel's request delegate
/// waits in <see cref="ServeAsync"/> until the script answers (<c>respond</c> + <c>close</c>), asks
/// for an upgrade, or its handler returns; only that delegate touches the <see cref="HttpContext"/>.
/// </summary>
internal sealed class HttpExchange(HttpContext context, bool tls, HttpServer server)
{
    private readonly TaskCompletionSource<Answer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Task> _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _status = StatusCodes.Status200OK;
    private List<KeyValuePair<string, string>> _headers = [];

    public HttpContext Context { get; } = context;

    public bool IsTls { get; } = tls;

    public string RemoteAddress => $"{Context.Connection.RemoteIpAddress}:{Context.Connection.RemotePort}";

    /// <summary>Whether the script already answered (closed, upgraded or returned).</summary>
    public bool IsAnswered => _answer.Task.IsCompleted;

    /// <summary>Records the status and headers that <c>close</c> sends (host thread).</summary>
    public void Respond(int status, List<KeyValuePair<string, string>> headers)
    {
        _status = status;
        _headers = headers;
    }

    /// <summary>Sends the response with <paramref name="body"/>; later answers are ignored.</summary>
    public void Close(byte[] body) => _answer.TrySetResult(new Answer(_status, _headers, body, null));

    /// <summary>Asks the request delegate to switch protocols; completes with the connection or the reason it was refused.</summary>
    public Task<(WebSocketConnection? Connection, string? Error)> UpgradeAsync()
    {
        var upgrade = new TaskCompletionSource<(WebSocketConnection?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _answer.TrySetResult(new Answer(0, [], [], upgrade)) ? upgrade.Task : Task.FromResult<(WebSocketConnection?, string?)>((null, "the stream is closed"));
    }

    /// <summary>Keeps the upgraded connection open until <paramref name="finished"/> completes (the socket closed).</summary>
    public void Attach(IAsyncDisposable socket, Task finished)
    {
        server.Track(socket, finished);
        _socket.TrySetResult(finished);
    }

    /// <summary>Kestrel's side: waits for the script's answer and carries it out.</summary>
    public async Task ServeAsync()
    {
        Answer answer;
        using (Context.RequestAborted.Register(() => _answer.TrySetResult(new Answer(0, [], [], null))))
        {
            answer = await _answer.Task.ConfigureAwait(false);
        }

        if (Context.RequestAborted.IsCancellationRequested)
        {
            answer.Upgrade?.TrySetResult((null, "the client went away"));
            return;
        }

        if (answer.Upgrade is { } upgrade)
        {
            if (await SwitchProtocolsAsync(upgrade).ConfigureAwait(false))
            {
                await (await _socket.Task.ConfigureAwait(false)).ConfigureAwait(false);
            }

            return;
        }

        await WriteAsync(answer.Status, answer.Headers, answer.Body).ConfigureAwait(false);
    }

    private async Task<bool> SwitchProtocolsAsync(TaskCompletionSource<(WebSocketConnection?, string?)> upgrade)
    {
        var decision = ServerHandshake.Evaluate(RequestHead(), new ServerHandshakeOptions());
        var feature = Context.Features.Get<IHttpUpgradeFeature>();
        if (!decision.Accepted || feature is not { IsUpgradableRequest: true })
        {
            var reason = decision.Accepted ? "this request cannot be upgraded" : decision.Reason;
            var status = decision.Accepted ? StatusCodes.Status400BadRequest : decision.StatusCode;
            upgrade.TrySetResult((null, $"upgrade refused ({status}): {reason}"));
            await WriteAsync(status, decision.ResponseHeaders, System.Text.Encoding.UTF8.GetBytes(reason)).ConfigureAwait(false);
            return false;
        }

        Context.Response.Headers["Upgrade"] = "websocket";
        Context.Response.Headers["Sec-WebSocket-Accept"] = WebSocketKey.ComputeAccept(decision.Key!);
        try
        {
            var stream = await feature.UpgradeAsync().ConfigureAwait(false);
            upgrade.TrySetResult((WebSocketConnection.FromStream(stream, Role.Server, SillyLimits.Connection), null));
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            upgrade.TrySetResult((null, e.Message));
            return false;
        }
    }

    private HttpRequestHead RequestHead()
    {
        var headers = new HttpHeaderCollection();
        foreach (var (name, values) in Context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(name, value ?? "");
            }
        }

        return new HttpRequestHead { Method = Context.Request.Method, Target = Context.Request.Path.Value + Context.Request.QueryString.Value, Version = Context.Request.Protocol, Headers = headers };
    }

    private async Task WriteAsync(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        Context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            Context.Response.Headers.Append(name, value);
        }

        Context.Response.ContentLength = body.Length;
        await Context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private readonly record struct Answer(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body,
        TaskCompletionSource<(WebSocketConnection?, string?)>? Upgrade);
}
