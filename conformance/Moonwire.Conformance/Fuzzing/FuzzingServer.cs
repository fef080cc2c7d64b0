using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>
/// Tests a client: a loopback server the client agent drives as it drives Autobahn's fuzzing server —
/// <c>/getCaseCount</c>, then <c>/runCase?case=N&amp;agent=A</c> for N = 1…count, then
/// <c>/updateReports?agent=A</c>, which ends the run.
/// </summary>
internal sealed class FuzzingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<CaseDefinition> _cases;
    private readonly ConformanceOptions _options;
    private readonly Action<CaseResult> _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, CaseResult> _results = [];
    private readonly TaskCompletionSource<string> _reportsRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _acceptLoop = Task.CompletedTask;

    public FuzzingServer(IReadOnlyList<CaseDefinition> cases, ConformanceOptions options, Action<CaseResult> progress)
    {
        _cases = cases;
        _options = options;
        _progress = progress;
    }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Completes with the agent's name when it asks for the reports.</summary>
    public Task<string> ReportsRequested => _reportsRequested.Task;

    private int _running;
    private DateTime _lastActivity = DateTime.UtcNow;

    public IReadOnlyList<CaseResult> Results
    {
        get
        {
            lock (_results)
            {
                return [.. _results.OrderBy(r => r.Key).Select(r => r.Value)];
            }
        }
    }

    /// <summary>No case is running and no connection came for <paramref name="timeout"/>: the agent stopped making progress.</summary>
    public bool IdleFor(TimeSpan timeout) => Volatile.Read(ref _running) == 0 && DateTime.UtcNow - _lastActivity > timeout;

    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _running);
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var request = await Handshake.ReadRequestAsync(stream, _stop.Token).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            request.Query.TryGetValue("agent", out var agent);
            switch (request.Path)
            {
                case "/getCaseCount":
                    await Handshake.AcceptAsync(stream, request, null, _stop.Token).ConfigureAwait(false);
                    await AnswerAndCloseAsync(stream, _cases.Count.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    break;
                case "/runCase" when request.Query.TryGetValue("case", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= _cases.Count:
                    var definition = _cases[number - 1];
                    var deflate = definition.ServerAccept?.Invoke(request.Offers);
                    await Handshake.AcceptAsync(stream, request, deflate, _stop.Token).ConfigureAwait(false);
                    var result = await CaseExecution.RunAsync(definition, new OpenSocket(socket, stream, request.Rest, deflate), isServer: true, _options, _stop.Token).ConfigureAwait(false);
                    lock (_results)
                    {
                        _results[number] = result;
                    }

                    _progress(result);
                    break;
                case "/updateReports":
                    await Handshake.AcceptAsync(stream, request, null, _stop.Token).ConfigureAwait(false);
                    await AnswerAndCloseAsync(stream, null).ConfigureAwait(false);
                    _reportsRequested.TrySetResult(agent ?? "client");
                    break;
                default:
                    await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // A broken request or an agent that went away: the case stays unrun and is reported as such.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            _lastActivity = DateTime.UtcNow;
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Sends an optional text message and a normal close, then waits briefly for the client's close.</summary>
    private async Task AnswerAndCloseAsync(NetworkStream stream, string? text)
    {
        if (text is not null)
        {
            await stream.WriteAsync(FrameEncoder.Encode(Opcodes.Text, Encoding.UTF8.GetBytes(text), fin: true, rsv: 0, mask: false), _stop.Token).ConfigureAwait(false);
        }

        await stream.WriteAsync(FrameEncoder.Encode(Opcodes.Close, CaseConnection.ClosePayload(ExpectedClose.Normal, []), fin: true, rsv: 0, mask: false), _stop.Token).ConfigureAwait(false);
        var decoder = new FrameDecoder();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        while (await stream.ReadAsync(decoder.FreeSpace(), wait.Token).ConfigureAwait(false) is var read and > 0)
        {
            decoder.Advance(read);
            while (decoder.TryRead() is { } frame)
            {
                if (frame.Opcode == Opcodes.Close)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
