using System.Net.Sockets;
using System.Text.Unicode;
using System.Threading.Channels;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// One open connection as the script sees it: messages are queued by the host thread and written in
/// order by one writer; everything received is posted to the host thread. The next message is read
/// only after on_message has run and what it sent is written: the script sets the pace (memory stays
/// bounded) and a reply goes out before a Close that followed the message is answered.
/// Used by both net.ws and net.ws_server.
/// </summary>
internal sealed class WsPeer(long id, WebSocketConnection connection, HooziSession session, WsCallbacks callbacks)
{
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private ushort _closeCode = CloseCode.Normal;
    private string _closeReason = "";

    public long Id { get; } = id;

    /// <summary>True until the script or the peer starts closing. Host thread.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>
    /// Queues a message; false once closing. Host thread. Text as the document says unless the script
    /// asks for binary, or the bytes are not UTF-8 and would break the wire as text.
    /// </summary>
    public bool TrySend(byte[] message, bool binary) =>
        IsOpen && _outgoing.Writer.TryWrite(new Outgoing(message, !binary && Utf8.IsValid(message), null));

    /// <summary>Starts the closing handshake after the queued messages. Host thread, or any thread once the host has stopped.</summary>
    public void Close(ushort code, string reason)
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        (_closeCode, _closeReason) = (code, reason);
        _outgoing.Writer.TryComplete();
    }

    /// <summary>
    /// Receives until the connection ends, then posts <paramref name="closed"/> with the close code and
    /// reason (1006 when TCP dropped). The caller has posted on_open already. <paramref name="stopping"/>
    /// ends a wait for the host, which runs nothing more once it stops.
    /// </summary>
    public async Task RunAsync(Action<ushort, string> closed, CancellationToken stopping)
    {
        var writer = Task.Run(WriteAsync);
        WebSocketMessage last;
        try
        {
            while (true)
            {
                last = await connection.ReceiveAsync().ConfigureAwait(false);
                if (last.Kind is MessageKind.Text or MessageKind.Binary)
                {
                    var message = last.Payload.ToArray();
                    var binary = last.Kind == MessageKind.Binary;
                    var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    session.Post(() =>
                    {
                        callbacks.OnMessage(Id, message, binary);
                        if (!_outgoing.Writer.TryWrite(new Outgoing(null, false, handled)))
                        {
                            handled.TrySetResult();
                        }
                    });
                    await handled.Task.WaitAsync(stopping).ConfigureAwait(false);
                }
                else if (last.Kind == MessageKind.Close)
                {
                    break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Our own CloseAsync started reading for the peer's Close while this loop waited for the
            // script; the close it records is how the connection ended.
            await writer.ConfigureAwait(false);
            last = connection.CloseMessage ?? new() { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "" };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            connection.Abort();
            last = new() { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "" };
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        var (code, reason) = (last.CloseCode, last.CloseReason ?? "");
        session.Post(() =>
        {
            IsOpen = false;
            closed(code, reason);
        });
    }

    /// <summary>Ends the connection at once (the host is stopping).</summary>
    public void Abort() => connection.Abort();

    private async Task WriteAsync()
    {
        try
        {
            await foreach (var (message, isText, written) in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (message is not null)
                {
                    await connection.SendAsync(message, isText).ConfigureAwait(false);
                }
                else
                {
                    await connection.FlushAsync().ConfigureAwait(false);
                    written!.TrySetResult();
                }
            }

            if (connection.State == WebSocketState.Open)
            {
                await connection.CloseAsync(_closeCode, _closeReason).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection broke while writing; the receive loop sees the same end and reports it.
        }
        finally
        {
            // Release a receive loop waiting on a marker that will never be written.
            while (_outgoing.Reader.TryRead(out var left))
            {
                left.Written?.TrySetResult();
            }
        }
    }

    /// <summary>A message to write, or a marker completed once everything queued before it is written.</summary>
    private readonly record struct Outgoing(byte[]? Message, bool IsText, TaskCompletionSource? Written);
}
