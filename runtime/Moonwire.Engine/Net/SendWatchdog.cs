namespace Moonwire.Engine.Net;

/// <summary>
/// Enforces <see cref="WebSocketOptions.SendTimeout"/> with one timer for the process rather than one per
/// write: a timer armed and cancelled around every slow write cost a large message more than its copy.
/// A connection is watched only while one of its writes waits on the network.
/// </summary>
internal static class SendWatchdog
{
    /// <summary>How often stalled writes are checked: a timed-out write fails at most this late.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private static readonly Lock Gate = new();
    private static readonly HashSet<WebSocketConnection> Watched = [];

    // The timer thread's copy of the stalled connections, reused: a check allocates nothing.
    private static readonly Lock CheckGate = new();
    private static readonly List<WebSocketConnection> Stalled = [];
    private static readonly Timer Ticker = new(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Watches <paramref name="connection"/> until it has no stalled write left.</summary>
    public static void Watch(WebSocketConnection connection)
    {
        lock (Gate)
        {
            if (Watched.Add(connection) && Watched.Count == 1)
            {
                Ticker.Change(Period, Period);
            }
        }
    }

    private static void Check()
    {
        // A check that overran the period is still at work; this tick has nothing to add.
        if (!CheckGate.TryEnter())
        {
            return;
        }

        try
        {
            var now = Environment.TickCount64;
            lock (Gate)
            {
                Watched.RemoveWhere(static connection => !connection.IsWriteStalled);
                if (Watched.Count == 0)
                {
                    Ticker.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    return;
                }

                Stalled.AddRange(Watched);
            }

            // Outside the lock: failing a connection closes its socket, which may call back into Watch.
            foreach (var connection in Stalled)
            {
                connection.FailIfSendTimedOut(now);
            }
        }
        finally
        {
            Stalled.Clear();
            CheckGate.Exit();
        }
    }
}
