using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Moonwire.Engine.Framing;

namespace Moonwire.Benchmarks;

/// <summary>The two per-byte loops of the receive path: unmasking (SIMD vs scalar) and UTF-8 validation (ours vs the BCL's).</summary>
[MemoryDiagnoser]
public class PrimitiveBenchmarks
{
    private byte[] _data = null!;
    private byte[] _text = null!;

    [Params(1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(1).NextBytes(_data);
        var sample = Encoding.UTF8.GetBytes("{\"symbol\":\"BTC-USD\",\"price\":\"97 123.50\",\"note\":\"héllo wörld € 😀\"} ");
        _text = new byte[Size / sample.Length * sample.Length];
        for (var i = 0; i < _text.Length; i += sample.Length)
        {
            sample.CopyTo(_text, i);
        }
    }

    [Benchmark(Baseline = true)]
    public int UnmaskScalar() => FrameMask.ApplyScalar(_data, 0x3d21fa37, 1);

    [Benchmark]
    public int UnmaskSimd() => FrameMask.Apply(_data, 0x3d21fa37, 1);

    [Benchmark]
    public bool Utf8Bcl() => Utf8.IsValid(_text);

    [Benchmark]
    public bool Utf8Validator()
    {
        var validator = default(Utf8Validator);
        return validator.TryAdvance(_text) && validator.IsAtCodePointBoundary;
    }
}
