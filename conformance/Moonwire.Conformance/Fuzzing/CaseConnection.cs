using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Moonwire.Conformance.Cases;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>
/// The fuzzer's end of one case's connection, as client or server. It sends what the case tells it to,
/// reads the testee's frames (answering pings and closes as Autobahn's fuzzer does) and records how the
/// connection ended: who closed first, the testee's close code, and whether TCP ended cleanly.
/// </summary>
public sealed class CaseConnection : IAsyncDisposable
{
    // Autobahn gives the peer about a second to answer a close and the server a second to drop TCP;
    // twice that keeps a loaded CI machine from turning a slow peer into a failure.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _rest;
    private readonly MessageDeflate? _deflate;
    private readonly FrameDecoder _decoder = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _state = new();
    private readonly MemoryStream _message = new();
    private Func<CaseEvent, Task> _onEvent = _ => Task.CompletedTask;
    private int _messageOpcode;
    private bool _messageCompressed;

    public CaseConnection(OpenSocket open, bool isServer, WireLog log)
    {
        _socket = open.Socket;
        _stream = open.Stream;
        _rest = open.Rest;
        IsServer = isServer;
        Log = log;
        if (open.Deflate is { } deflate)
        {
            _deflate = isServer
                ? new MessageDeflate(deflate.ServerNoContextTakeover, deflate.ClientNoContextTakeover)
                : new MessageDeflate(deflate.ClientNoContextTakeover, deflate.ServerNoContextTakeover);
            log.Add($"permessage-deflate agreed: {deflate}");
        }
    }

    public bool IsServer { get; }

    public bool HasDeflate => _deflate is not null;

    public WireLog Log { get; }

    public bool CloseSent { get; private set; }

    public bool CloseReceived { get; private set; }

    /// <summary>The fuzzer started the closing handshake, or ended the connection without one.</summary>
    public bool ClosedByMe { get; private set; }

    public bool DroppedByMe { get; private set; }

    public bool WasClean { get; private set; }

    public int? RemoteCloseCode { get; private set; }

    public bool IsOpen => !CloseSent && !CloseReceived && !_lost.Task.IsCompleted;

    /// <summary>Completes when the TCP connection has ended, either way.</summary>
    public Task Lost => _lost.Task;

    public void Start(Func<CaseEvent, Task> onEvent)
    {
        _onEvent = onEvent;
        _ = ReceiveLoopAsync();
    }

    /// <summary>
    /// Sends frames in one write, or cut into writes of <paramref name="chop"/> octets. A close frame
    /// starts the closing handshake unless <paramref name="raw"/> (Autobahn's sendFrame, which sends it
    /// without entering the closing state).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OutFrame> frames, int chop = 0, bool raw = false)
    {
        var bytes = new MemoryStream();
        foreach (var frame in frames)
        {
            Log.Add($"TX {Describe(frame.Opcode, frame.Fin, frame.Rsv, frame.Payload)}{(chop > 0 ? $" in chops of {chop}" : "")}");
            bytes.Write(FrameEncoder.Encode(frame.Opcode, frame.Payload, frame.Fin, frame.Rsv, mask: !IsServer));
            if (frame.Opcode == Opcodes.Close && !raw)
            {
                MarkCloseSent();
            }
        }

        await WriteAsync(bytes.ToArray(), chop).ConfigureAwait(false);
    }

    public Task SendAsync(OutFrame frame, int chop = 0, bool raw = false) => SendAsync([frame], chop, raw);

    /// <summary>Sends octets as they are: a piece of a frame, for cases that split one frame across waits.</summary>
    public Task SendOctetsAsync(byte[] octets, string what)
    {
        Log.Add($"TX {what}: {WireLog.Octets(octets)}");
        return WriteAsync(octets, 0);
    }

    /// <summary>Sends a message the way an application would: compressed when agreed, cut into frames of <paramref name="fragmentSize"/>.</summary>
    public Task SendMessageAsync(byte[] payload, bool binary, int fragmentSize = 0)
    {
        var compressed = _deflate is not null;
        var body = _deflate?.Compress(payload) ?? payload;
        var size = fragmentSize > 0 ? fragmentSize : Math.Max(body.Length, 1);
        var frames = new List<OutFrame>();
        for (var offset = 0; offset == 0 || offset < body.Length; offset += size)
        {
            var length = Math.Min(size, body.Length - offset);
            frames.Add(new OutFrame(
                offset == 0 ? (binary ? Opcodes.Binary : Opcodes.Text) : Opcodes.Continuation,
                body.AsSpan(offset, length).ToArray(),
                Fin: offset + length >= body.Length,
                Rsv: offset == 0 && compressed ? 4 : 0));
        }

        return SendAsync(frames);
    }

    public Task SendCloseAsync(int? code, string reason = "") =>
        SendAsync(new OutFrame(Opcodes.Close, ClosePayload(code, Encoding.UTF8.GetBytes(reason))));

    public static byte[] ClosePayload(int? code, byte[] reason)
    {
        if (code is null)
        {
            return [];
        }

        var payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code.Value);
        reason.CopyTo(payload, 2);
        return payload;
    }

    /// <summary>Ends the TCP connection abruptly, as Autobahn's kill timer does.</summary>
    public void Drop(string why)
    {
        lock (_state)
        {
            if (_lost.Task.IsCompleted)
            {
                return;
            }

            if (!CloseSent && !CloseReceived)
            {
                ClosedByMe = true;
            }

            DroppedByMe = true;
        }

        Log.Add($"TCP dropped by the fuzzer: {why}");
        End(clean: false);
    }

    private void MarkCloseSent()
    {
        lock (_state)
        {
            if (CloseSent)
            {
                return;
            }

            CloseSent = true;
            if (!CloseReceived)
            {
                ClosedByMe = true;
                _ = DropLaterAsync("no closing handshake reply in time");
            }
        }
    }

    private async Task DropLaterAsync(string why)
    {
        if (await Task.WhenAny(Lost, Task.Delay(CloseWait)).ConfigureAwait(false) != Lost)
        {
            Drop(why);
        }
    }

    private async Task WriteAsync(byte[] bytes, int chop)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var size = chop > 0 ? chop : bytes.Length;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await _stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset))).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Log.Add($"TX failed: {e.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            _rest.CopyTo(_decoder.FreeSpace());
            _decoder.Advance(_rest.Length);
            while (true)
            {
                while (_decoder.TryRead() is { } frame)
                {
                    await OnFrameAsync(frame).ConfigureAwait(false);
                    if (_lost.Task.IsCompleted)
                    {
                        return;
                    }
                }

                var read = await _stream.ReadAsync(_decoder.FreeSpace()).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                _decoder.Advance(read);
            }

            Log.Add("TCP closed by the testee");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            Log.Add($"RX ended: {e.Message}");
        }

        End(clean: CloseSent && CloseReceived);
    }

    private async Task OnFrameAsync(Frame frame)
    {
        Log.Add($"RX {Describe(frame.Opcode, frame.Fin, frame.Rsv, frame.Payload)}");
        if (CloseReceived)
        {
            return;
        }

        if (FrameRules.Violation(frame, fromClient: IsServer, _deflate is not null, inMessage: _messageOpcode != 0) is { } violation)
        {
            await FailAsync(ExpectedClose.ProtocolError, violation).ConfigureAwait(false);
            return;
        }

        switch (frame.Opcode)
        {
            case Opcodes.Ping:
                await _onEvent(CaseEvent.Ping(frame.Payload)).ConfigureAwait(false);
                if (!CloseSent)
                {
                    await SendAsync(new OutFrame(Opcodes.Pong, frame.Payload)).ConfigureAwait(false);
                }

                break;
            case Opcodes.Pong:
                await _onEvent(CaseEvent.Pong(frame.Payload)).ConfigureAwait(false);
                break;
            case Opcodes.Close:
                await OnCloseAsync(frame.Payload).ConfigureAwait(false);
                break;
            default:
                await OnDataAsync(frame).ConfigureAwait(false);
                break;
        }
    }

    private async Task OnDataAsync(Frame frame)
    {
        if (frame.Opcode != Opcodes.Continuation)
        {
            _messageOpcode = frame.Opcode;
            _messageCompressed = frame.Rsv == 4;
            _message.SetLength(0);
        }

        _message.Write(frame.Payload);
        if (!frame.Fin)
        {
            return;
        }

        var payload = _message.ToArray();
        var binary = _messageOpcode == Opcodes.Binary;
        _messageOpcode = 0;
        if (_messageCompressed)
        {
            try
            {
                payload = _deflate!.Decompress(payload);
            }
            catch (InvalidDataException e)
            {
                await FailAsync(ExpectedClose.ProtocolError, $"corrupt compressed message: {e.Message}").ConfigureAwait(false);
                return;
            }
        }

        if (!binary && !System.Text.Unicode.Utf8.IsValid(payload))
        {
            await FailAsync(ExpectedClose.InvalidPayload, "a text message that is not UTF-8").ConfigureAwait(false);
            return;
        }

        await _onEvent(CaseEvent.Message(payload, binary)).ConfigureAwait(false);
    }

    private async Task OnCloseAsync(byte[] payload)
    {
        if (payload.Length == 1)
        {
            await FailAsync(ExpectedClose.ProtocolError, "a close payload of one octet").ConfigureAwait(false);
            return;
        }

        lock (_state)
        {
            CloseReceived = true;
            if (payload.Length >= 2)
            {
                RemoteCloseCode = BinaryPrimitives.ReadUInt16BigEndian(payload);
            }
        }

        if (!CloseSent)
        {
            await SendAsync(new OutFrame(Opcodes.Close, ClosePayload(RemoteCloseCode, []))).ConfigureAwait(false);
        }

        if (IsServer)
        {
            // RFC 6455 §7.1.1: the server closes the TCP connection first.
            Log.Add("TCP closed by the fuzzer after the closing handshake");
            End(clean: true);
        }
        else
        {
            _ = DropLaterAsync("the server did not close TCP after the closing handshake");
        }
    }

    private async Task FailAsync(int code, string why)
    {
        Log.Add($"fuzzer fails the connection ({code}): the testee sent {why}");
        if (!CloseSent)
        {
            await SendCloseAsync(code).ConfigureAwait(false);
        }

        Drop(why);
    }

    private void End(bool clean)
    {
        lock (_state)
        {
            if (_lost.Task.IsCompleted)
            {
                return;
            }

            WasClean = clean;
        }

        _socket.Dispose();
        _lost.TrySetResult();
    }

    private static string Describe(int opcode, bool fin, int rsv, byte[] payload) =>
        $"{Opcodes.Name(opcode)} fin={(fin ? 1 : 0)} rsv={rsv} len={payload.Length} {WireLog.Octets(payload)}";

    public async ValueTask DisposeAsync()
    {
        End(clean: WasClean);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
        _deflate?.Dispose();
        _message.Dispose();
    }
}
