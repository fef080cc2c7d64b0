using System.Threading.Channels;
using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// A case in progress: the script's handle on the connection, the events the testee produced, and
/// Autobahn's judgement once the connection is gone — the recorded events must equal one of the
/// expected lists (OK, then NON-STRICT, …), and the close must match <see cref="ExpectedClose"/>.
/// </summary>
public sealed class CaseRun
{
    private readonly List<CaseEvent> _received = [];
    private readonly List<(Verdict Verdict, IReadOnlyList<CaseEvent> Events)> _expected = [];
    private readonly Channel<CaseEvent> _messages = Channel.CreateUnbounded<CaseEvent>();
    private readonly Lock _gate = new();
    private (Verdict Verdict, string Text)? _decided;

    public CaseRun(CaseConnection connection, ConformanceOptions options)
    {
        Connection = connection;
        Options = options;
        connection.Start(OnEventAsync);
    }

    public CaseConnection Connection { get; }

    public ConformanceOptions Options { get; }

    public ExpectedClose ExpectedClose { get; set; } = ExpectedClose.CleanNormal;

    /// <summary>Set by cases that send bad closes themselves, so matching events never trigger a close.</summary>
    public bool SuppressClose { get; set; }

    /// <summary>Off for the bulk cases (9, 12, 13): they read messages with <see cref="NextMessageAsync"/> instead.</summary>
    public bool RecordEvents { get; set; } = true;

    /// <summary>Cases 7.1.6 and 7.13.x: the spec leaves the outcome open.</summary>
    public bool Informational { get; set; }

    public bool IsServer => Connection.IsServer;

    public void Expect(Verdict verdict, params CaseEvent[] events)
    {
        lock (_gate)
        {
            _expected.Add((verdict, events));
        }
    }

    /// <summary>Records a "timeout" marker if the connection is still open (Autobahn's continueLater).</summary>
    public bool MarkTimeout(string label)
    {
        if (!Connection.IsOpen)
        {
            return false;
        }

        lock (_gate)
        {
            _received.Add(CaseEvent.Timeout(label));
        }

        return true;
    }

    /// <summary>The verdict of a case that judges its own behaviour (9, 12, 13).</summary>
    public void Decide(Verdict verdict, string text) => _decided = (verdict, text);

    public Task SendAsync(OutFrame frame, int chop = 0, bool raw = false) => Connection.SendAsync(frame, chop, raw);

    public Task SendCloseAsync(int? code, string reason = "") => Connection.SendCloseAsync(code, reason);

    /// <summary>Waits for the next message when <see cref="RecordEvents"/> is off; null if none came in time.</summary>
    public async Task<CaseEvent?> NextMessageAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var read = _messages.Reader.ReadAsync(cts.Token).AsTask();
            return await Task.WhenAny(read, Connection.Lost).ConfigureAwait(false) == read ? await read.ConfigureAwait(false) : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Drops TCP after <paramref name="seconds"/> unless the connection has ended (Autobahn's killAfter).</summary>
    public void KillAfter(double seconds) => Later(seconds + Options.CaseTimerSlack.TotalSeconds, () =>
    {
        Connection.Drop($"case timer ({seconds} s) expired");
        return Task.CompletedTask;
    });

    /// <summary>Starts the closing handshake after <paramref name="seconds"/> if still open (Autobahn's closeAfter).</summary>
    public void CloseAfter(double seconds) => Later(seconds, () =>
        Connection.IsOpen ? Connection.SendCloseAsync(ExpectedClose.Normal) : Task.CompletedTask);

    public Task DelayAsync(double seconds) => Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(seconds)), Connection.Lost);

    private void Later(double seconds, Func<Task> action) => _ = Task.Run(async () =>
    {
        if (await Task.WhenAny(Connection.Lost, Task.Delay(TimeSpan.FromSeconds(seconds))).ConfigureAwait(false) != Connection.Lost)
        {
            await action().ConfigureAwait(false);
        }
    });

    private async Task OnEventAsync(CaseEvent e)
    {
        if (!RecordEvents)
        {
            if (e.Kind == "message")
            {
                await _messages.Writer.WriteAsync(e).ConfigureAwait(false);
            }

            return;
        }

        bool finished;
        lock (_gate)
        {
            _received.Add(e);
            finished = _expected.Count > 0 && _expected.All(x => x.Events.SequenceEqual(_received));
        }

        // Autobahn's finishWhenDone: once every expectation is met, the fuzzer starts the close itself.
        if (finished && ExpectedClose.ClosedByMe && !SuppressClose && Connection.IsOpen)
        {
            await Connection.SendCloseAsync(ExpectedClose.Codes[0]).ConfigureAwait(false);
        }
    }

    public CaseOutcome Judge()
    {
        var c = Connection;
        Verdict behavior;
        string result;
        lock (_gate)
        {
            var match = _expected.FirstOrDefault(x => x.Events.SequenceEqual(_received));
            (behavior, result) = _decided
                ?? (match.Events is null
                    ? (Verdict.Failed, $"Actual events differ from any expected. Received: [{string.Join(", ", _received)}]; expected: {string.Join("; ", _expected.Select(x => $"{x.Verdict.Label()} [{string.Join(", ", x.Events)}]"))}")
                    : (match.Verdict, "Actual events match at least one expected."));
        }

        var (close, closeText) =
            ExpectedClose.ClosedByMe != c.ClosedByMe ? (Verdict.Failed, "The connection was failed by the wrong endpoint.")
            : ExpectedClose.RequireClean && !c.WasClean ? (Verdict.Failed, "UNCLEAN: the spec requires the connection to be closed cleanly here.")
            : c.RemoteCloseCode is { } code && !ExpectedClose.Codes.Contains(code) ? (Verdict.Failed, $"WRONG CODE: the close code should have been {string.Join(",", ExpectedClose.Codes)} or empty, was {code}.")
            : !c.IsServer && c.DroppedByMe ? (Verdict.Failed, "FAILED BY CLIENT: it is preferred that the server close the TCP connection.")
            : (Verdict.Ok, "Connection was properly closed.");
        if (Informational)
        {
            (behavior, close) = (Verdict.Informational, Verdict.Informational);
        }

        return new CaseOutcome(behavior, result, close, closeText, c.RemoteCloseCode, c.Log.Entries);
    }
}
