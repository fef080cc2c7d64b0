using System.Text;
using BenchmarkDotNet.Attributes;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Handshake;

namespace Moonwire.Benchmarks;

/// <summary>
/// The server's cost per opening handshake, and the cost of re-scanning an unfinished head: the parser is
/// stateless, so a head that trickles in is scanned again after every read.
/// </summary>
[MemoryDiagnoser]
public class HandshakeBenchmarks
{
    private static readonly HttpLimits Limits = new();
    private static readonly ServerHandshakeOptions Options = new() { SubProtocols = ["chat"] };
    private readonly ByteBuffer _response = new(1024);
    private byte[] _request = null!;
    private byte[] _unfinishedHead = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new ByteBuffer();
        ClientHandshake.WriteRequest(buffer, new ClientHandshakeRequest(new Uri("ws://server.example.com:9001/chat?room=1"), WebSocketKey.Create())
        {
            SubProtocols = ["chat", "superchat"],
            ExtensionOffer = "permessage-deflate; client_max_window_bits",
            Origin = "http://example.com",
            Headers = [new("User-Agent", "Moonwire/1.0"), new("Cookie", "session=0123456789abcdef")],
        });
        _request = buffer.ReadableSpan.ToArray();
        var padding = string.Concat(Enumerable.Repeat("X-Padding: 0123456789012345678901234567890123456789\r\n", 700));
        _unfinishedHead = Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\n" + padding)[..(Limits.MaxHeadBytes - 1)];
    }

    [GlobalCleanup]
    public void Cleanup() => _response.Dispose();

    [Benchmark(Baseline = true)]
    public HeadParseStatus ParseRequest() => HttpHeadParser.TryParseRequest(_request, Limits, out _, out _);

    [Benchmark]
    public HeadParseStatus ParseRequestMissingItsLastByte() => HttpHeadParser.TryParseRequest(_request.AsSpan(..^1), Limits, out _, out _);

    [Benchmark]
    public HeadParseStatus ScanUnfinished32KiBHead() => HttpHeadParser.TryParseRequest(_unfinishedHead, Limits, out _, out _);

    [Benchmark]
    public int ParseEvaluateAndAccept()
    {
        HttpHeadParser.TryParseRequest(_request, Limits, out var head, out _);
        var decision = ServerHandshake.Evaluate(head!, Options);
        _response.Clear();
        ServerHandshake.WriteAccept(_response, decision.Key!, decision.SubProtocol, null);
        return _response.Length;
    }
}
