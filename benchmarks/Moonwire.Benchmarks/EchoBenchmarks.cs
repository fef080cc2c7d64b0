using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Moonwire.Cli.Commands;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;

namespace Moonwire.Benchmarks;

/// <summary>
/// End to end over loopback TCP: a client sends a burst of messages while it reads their echoes back.
/// Moonwire client ↔ Moonwire server against ClientWebSocket ↔ ManagedWebSocket server, same workload.
/// </summary>
[MemoryDiagnoser]
public class EchoBenchmarks
{
    internal const int Burst = 256;
    private WebSocketServer _ourServer = null!;
    private WebSocketConnection _ours = null!;
    private TcpListener _theirServer = null!;
    private ClientWebSocket _theirs = null!;
    private byte[] _payload = null!;
    private byte[] _buffer = null!;

    [Params(16, 1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _payload = new byte[Size];
        _buffer = new byte[Size + 1];
        _ourServer = new WebSocketServer(new WebSocketServerOptions { Connection = EchoLoop.TesteeLimits });
        _ourServer.Start();
        _ = AcceptOursAsync();
        _ours = await WebSocketClient.ConnectAsync(_ourServer.Url, new WebSocketClientOptions { Connection = EchoLoop.TesteeLimits });

        _theirServer = new TcpListener(IPAddress.Loopback, 0);
        _theirServer.Start();
        _ = AcceptTheirsAsync();
        _theirs = new ClientWebSocket();
        await _theirs.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)_theirServer.LocalEndpoint).Port}/"), CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _ours.DisposeAsync();
        await _ourServer.DisposeAsync();
        _theirs.Dispose();
        _theirServer.Stop();
    }

    // Both sides' methods use pooled state machines, so what MemoryDiagnoser reports is the engines' own.
    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SystemNetWebSockets()
    {
        var sending = SendTheirsAsync();
        for (var i = 0; i < Burst; i++)
        {
            ValueWebSocketReceiveResult result;
            var length = 0;
            do
            {
                result = await _theirs.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);
        }

        await sending;
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Moonwire()
    {
        var sending = SendOursAsync();
        for (var i = 0; i < Burst; i++)
        {
            await _ours.ReceiveAsync();
        }

        await sending;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendTheirsAsync()
    {
        for (var i = 0; i < Burst; i++)
        {
            await _theirs.SendAsync(_payload, WebSocketMessageType.Binary, true, CancellationToken.None);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendOursAsync()
    {
        for (var i = 0; i < Burst; i++)
        {
            await _ours.SendAsync(_payload, isText: false);
        }
    }

    private async Task AcceptOursAsync()
    {
        while (true)
        {
            _ = EchoLoop.RunAsync(await _ourServer.AcceptAsync());
        }
    }

    /// <summary>A ManagedWebSocket echo server: a minimal 101 answer, then WebSocket.CreateFromStream.</summary>
    private async Task AcceptTheirsAsync()
    {
        using var client = await _theirServer.AcceptTcpClientAsync();
        client.NoDelay = true;
        var stream = client.GetStream();
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            head.Append((char)stream.ReadByte());
        }

        var key = head.ToString().Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {WebSocketKey.ComputeAccept(key)}\r\n\r\n"));
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
        var buffer = new byte[(1 << 20) + 1];
        while (true)
        {
            ValueWebSocketReceiveResult result;
            var length = 0;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, length), result.MessageType, true, CancellationToken.None);
        }
    }
}
