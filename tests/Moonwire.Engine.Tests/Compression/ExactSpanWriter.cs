using System.Buffers;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>
/// The least generous writer the <see cref="IBufferWriter{T}"/> contract allows: every span is a fresh array of
/// exactly the size asked for, so a codec's output is cut at every chunk boundary it chooses.
/// </summary>
internal sealed class ExactSpanWriter : IBufferWriter<byte>
{
    private readonly List<byte> _written = [];
    private byte[] _current = [];

    public int Spans { get; private set; }

    public byte[] Written => [.. _written];

    public void Advance(int count)
    {
        _written.AddRange(_current.AsSpan(0, count));
        _current = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Spans++;
        _current = new byte[Math.Max(sizeHint, 1)];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
