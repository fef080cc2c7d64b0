using System.Net.WebSockets;
using BenchmarkDotNet.Attributes;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;

namespace Moonwire.Benchmarks;

/// <summary>
/// Receiving masked client frames as a server: parse + unmask (+ inflate), the same bytes for both
/// engines through the same in-memory stream. Baseline: System.Net.WebSockets' ManagedWebSocket.
/// </summary>
[MemoryDiagnoser]
public class ReceiveBenchmarks
{
    private const int FramesPerLoop = 64;
    private WebSocketConnection _ours = null!;
    private WebSocket _theirs = null!;
    private byte[] _buffer = null!;

    [Params(16, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool Deflate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        DeflateParameters? agreed = Deflate ? new DeflateParameters(false, false, 15, 15) : null;
        var wire = new ByteBuffer();
        using (var writer = new MessageWriter(Role.Client, agreed, null))
        {
            var payload = new byte[Size];
            new Random(42).NextBytes(payload.AsSpan(0, Size / 2));
            for (var i = 0; i < FramesPerLoop; i++)
            {
                writer.WriteMessage(wire, Opcode.Binary, payload);
            }
        }

        var loop = wire.ReadableSpan.ToArray();
        _ours = WebSocketConnection.FromStream(new ReplayStream(loop), Role.Server, new WebSocketOptions { MaxMessageBytes = 2L << 20 }, agreed);
        _theirs = WebSocket.CreateFromStream(new ReplayStream(loop), new WebSocketCreationOptions
        {
            IsServer = true,
            DangerousDeflateOptions = Deflate ? new WebSocketDeflateOptions() : null,
        });
        _buffer = new byte[Size + 1];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerLoop)]
    public async Task<int> SystemNetWebSockets()
    {
        var total = 0;
        for (var i = 0; i < FramesPerLoop; i++)
        {
            ValueWebSocketReceiveResult result;
            var length = 0;
            do
            {
                result = await _theirs.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);
            total += length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = FramesPerLoop)]
    public async Task<int> Moonwire()
    {
        var total = 0;
        for (var i = 0; i < FramesPerLoop; i++)
        {
            total += (await _ours.ReceiveAsync()).Payload.Length;
        }

        return total;
    }
}
