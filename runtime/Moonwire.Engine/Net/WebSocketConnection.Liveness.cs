using System.Runtime.CompilerServices;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

// Noticing a peer that stopped answering: keepalive pings (reliability row L-6) and a deadline on every
// write to the network (row L-5).
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

    /// <summary>
    /// Writes with the socket lock held, within <see cref="WebSocketOptions.SendTimeout"/>. A peer that stopped
    /// reading fills TCP's buffers and the write never completes; rather than hold every later sender (and
    /// their messages) forever, the connection is failed. Only a write the socket could not take at once is
    /// watched (<see cref="SendWatchdog"/>), so the common path costs nothing.
    /// </summary>
    private ValueTask WriteWithinSendTimeoutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WithinSendTimeoutAsync(_stream.WriteAsync(bytes, cancellationToken));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WithinSendTimeoutAsync(ValueTask write)
    {
        if (write.IsCompletedSuccessfully || _options.SendTimeout is not { } limit)
        {
            await write.ConfigureAwait(false);
            return;
        }

        Volatile.Write(ref _writeStalledSince, Environment.TickCount64);
        SendWatchdog.Watch(this);
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e) when (Volatile.Read(ref _sendTimedOut))
        {
            throw new WebSocketException($"Sending timed out after {limit.TotalSeconds:0.###} s: the peer stopped reading.", e);
        }
        finally
        {
            Volatile.Write(ref _writeStalledSince, 0);
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
