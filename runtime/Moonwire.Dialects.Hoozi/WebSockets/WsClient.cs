using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// One <c>net.ws:connect</c>: fire and forget. It connects in the background and reports through the
/// callbacks; a failed connect is on_error then on_close(1006) and leaves nothing behind, so a retry
/// loop leaks nothing.
/// </summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly string _url;
    private readonly WebSocketClientOptions _options;
    private readonly HooziSession _session;
    private readonly WsCallbacks _callbacks;
    private readonly Action<WsClient> _gone;
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _ownership;
    private Task _run = Task.CompletedTask;
    private WsPeer? _peer;
    private volatile WsPeer? _connected;
    private bool _closeRequested;
    private bool _finished;

    public WsClient(long id, string url, WebSocketClientOptions options, HooziSession session, WsCallbacks callbacks, Action<WsClient> gone)
    {
        (Id, _url, _options, _session, _callbacks, _gone) = (id, url, options, session, callbacks, gone);
    }

    public long Id { get; }

    /// <summary>True between on_open and the start of closing. Host thread.</summary>
    public bool IsOpen => _peer is { IsOpen: true };

    public void Start()
    {
        _ownership = _session.Host.Own(this);
        _run = Task.Run(RunAsync);
    }

    public bool TrySend(byte[] message, bool binary) => _peer is { } peer && peer.TrySend(message, binary);

    /// <summary><c>net.ws:close</c>: a normal close when open; before that, the connect is abandoned.</summary>
    public void Close()
    {
        _closeRequested = true;
        if (_peer is { } peer)
        {
            peer.Close(CloseCode.Normal, "");
        }
        else
        {
            _stop.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host is stopping: it runs no more posted work, so the peer may never have reached the script.
        await _stop.CancelAsync().ConfigureAwait(false);
        _connected?.Close(CloseCode.GoingAway, "");
        if (await Task.WhenAny(_run, Task.Delay(WsLimits.CloseGrace)).ConfigureAwait(false) != _run)
        {
            _connected?.Abort();
            await _run.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        WebSocketConnection connection;
        try
        {
            connection = await WebSocketClient.ConnectAsync(new Uri(_url), _options, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _session.Post(() => Finish(CloseCode.Abnormal, ""));
            return;
        }
        catch (Exception e) when (e is WebSocketException or UriFormatException or ArgumentException)
        {
            var error = e is UriFormatException ? $"bad URL '{_url}': {e.Message}" : e.Message;
            _session.Post(() =>
            {
                _callbacks.OnError(Id, error);
                Finish(CloseCode.Abnormal, "");
            });
            return;
        }

        var peer = new WsPeer(Id, connection, _session, _callbacks);
        _connected = peer;
        _session.Post(() =>
        {
            _peer = peer;
            if (_closeRequested)
            {
                peer.Close(CloseCode.Normal, "");
            }
            else
            {
                _callbacks.OnOpen(Id);
            }
        });
        await peer.RunAsync(Finish, _stop.Token).ConfigureAwait(false);
    }

    // Host thread: the last callback, then every reference and the ownership go.
    private void Finish(ushort code, string reason)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _callbacks.OnClose(Id, code, reason);
        _callbacks.Release();
        _gone(this);
        _ownership?.Dispose();
    }
}
