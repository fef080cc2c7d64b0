using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;

namespace Moonwire.Benchmarks;

/// <summary>
/// One permessage-deflate message each way: our codec over the runtime's zlib (one stream per connection,
/// sync flush) against a DeflateStream per message, the fallback when zlib's flush is out of reach.
/// </summary>
[MemoryDiagnoser]
public class DeflateBenchmarks
{
    private readonly ByteBuffer _output = new();
    private byte[] _payload = null!;
    private byte[] _compressed = null!;
    private MessageDeflater _deflater = null!;
    private MessageInflater _inflater = null!;

    [Params(256, 16 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = Encoding.UTF8.GetBytes("{\"symbol\":\"BTC-USD\",\"price\":\"97 123.50\",\"note\":\"héllo wörld € 😀\"} ");
        _payload = new byte[Size];
        for (var i = 0; i < Size; i++)
        {
            _payload[i] = sample[i % sample.Length];
        }

        // Both sides drop the window per message, so every compressed message inflates on its own.
        _deflater = new MessageDeflater(15, noContextTakeover: true, CompressionLevel.Fastest);
        _inflater = new MessageInflater(15, noContextTakeover: true);
        _deflater.Compress(_payload, endOfMessage: true, _output);
        _compressed = _output.ReadableSpan.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _deflater.Dispose();
        _inflater.Dispose();
        _output.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int CompressDeflateStream()
    {
        var stream = new MemoryStream();
        using (var deflate = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(_payload);
        }

        return (int)stream.Length;
    }

    [Benchmark]
    public int CompressMessageDeflater()
    {
        _output.Clear();
        _deflater.Compress(_payload, endOfMessage: true, _output);
        return _output.Length;
    }

    [Benchmark]
    public int InflateDeflateStream()
    {
        using var deflate = new DeflateStream(new MemoryStream([.. _compressed, 0x00, 0x00, 0xff, 0xff]), CompressionMode.Decompress);
        var total = 0;
        var buffer = new byte[16 * 1024];
        for (int read; (read = deflate.Read(buffer)) > 0;)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public int InflateMessageInflater()
    {
        _output.Clear();
        _inflater.Inflate(_compressed, endOfMessage: true, _output, long.MaxValue);
        return _output.Length;
    }
}
