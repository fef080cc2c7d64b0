using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

// Noticing a peer that stopped answering: keepalive pings (reliability row L-6) and a deadline on every
// write to the network (row L-5; the writes themselves are in WebSocketConnection.Writing.cs).
public sealed partial class WebSocketConnection
{
    private readonly byte[]? _keepAlivePayload;
    private long _lastInputTimestamp = Environment.TickCount64;
    private long _waitingForInputSince = long.MaxValue;
    private long _writeStalledSince;
    private bool _sendTimedOut;

    /// <summary>Records that bytes arrived (any bytes prove the peer alive) and that we stopped waiting for them.</summary>
    private int NoteInput(int read)
    {
        Volatile.Write(ref _lastInputTimestamp, Environment.TickCount64);
        Volatile.Write(ref _waitingForInputSince, long.MaxValue);
        return read;
    }

    /// <summary>Pongs answering our keepalive pings are ours alone: they never reach the application.</summary>
    private bool IsKeepAlivePong(ReadOnlySpan<byte> payload) => _keepAlivePayload is { } ours && payload.SequenceEqual(ours);

    /// <summary>
    /// Pings every interval; fails the connection with 1011 when nothing at all arrives within the timeout.
    /// Only a connection that was waiting for input the whole time is judged: one nobody reads from cannot
    /// see its pongs, so it is left to the next round (or to the send deadline).
    /// </summary>
    private async Task KeepAliveAsync(TimeSpan interval, byte[] payload)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false) && State == WebSocketState.Open)
            {
                var sentAt = Environment.TickCount64;
                await PingAsync(payload, _lifetime.Token).ConfigureAwait(false);
                await Task.Delay(_options.KeepAliveTimeout, _lifetime.Token).ConfigureAwait(false);
                // Read in this order: NoteInput writes the timestamp before it clears the waiting mark.
                var silent = Volatile.Read(ref _waitingForInputSince) <= sentAt && Volatile.Read(ref _lastInputTimestamp) < sentAt;
                if (silent && State == WebSocketState.Open)
                {
                    RecordClose(new WebSocketMessage { Kind = MessageKind.Close, CloseCode = CloseCode.InternalError, CloseReason = "keepalive ping timeout" });
                    await TrySendCloseAsync(CloseCode.InternalError, "keepalive ping timeout"u8.ToArray()).ConfigureAwait(false);
                    Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException)
        {
            // The connection ended; so does its keepalive.
        }
    }

    /// <summary>Whether a write has been waiting on the network (the watchdog's question).</summary>
    internal bool IsWriteStalled => Volatile.Read(ref _writeStalledSince) != 0;

    /// <summary>Fails the connection when its stalled write has waited past the send timeout.</summary>
    internal void FailIfSendTimedOut(long now)
    {
        var since = Volatile.Read(ref _writeStalledSince);
        if (since == 0 || _options.SendTimeout is not { } limit || now - since < (long)limit.TotalMilliseconds)
        {
            return;
        }

        Volatile.Write(ref _sendTimedOut, true);
        RecordClose(new WebSocketMessage { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "send timed out" });
        // Closing the transport fails the write, which then reports the timeout.
        Abort();
    }
}
