using System.Buffers;

namespace Moonwire.Engine.Buffers;

/// <summary>
/// A growable byte queue over one pooled array: bytes are appended at the tail (it is an
/// <see cref="IBufferWriter{T}"/>) and consumed from the head. Used for the receive buffer, the
/// message assembly buffer and the outbound buffer, so steady-state traffic allocates nothing.
/// </summary>
public sealed class ByteBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _start;
    private int _end;

    /// <summary>An empty buffer; a positive <paramref name="initialCapacity"/> rents that much up front.</summary>
    public ByteBuffer(int initialCapacity = 0) =>
        _array = initialCapacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Bytes written and not yet consumed.</summary>
    public int Length => _end - _start;

    /// <summary>The size of the rented array: written bytes plus free space.</summary>
    public int Capacity => _array.Length;

    /// <summary>The bytes written and not yet consumed.</summary>
    public Span<byte> ReadableSpan => _array.AsSpan(_start, _end - _start);

    /// <summary>The bytes written and not yet consumed, as memory for asynchronous reads.</summary>
    public Memory<byte> ReadableMemory => _array.AsMemory(_start, _end - _start);

    /// <summary>The bytes written and not yet consumed, as an array segment (for socket calls that take arrays).</summary>
    public ArraySegment<byte> ReadableSegment => new(_array, _start, _end - _start);

    /// <summary>The free space after the written bytes (may be empty; call <see cref="EnsureWritable"/>).</summary>
    public Memory<byte> WritableMemory => _array.AsMemory(_end);

    /// <summary>Drops <paramref name="count"/> bytes from the head.</summary>
    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Length, nameof(count));
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>Drops every byte; the array stays rented.</summary>
    public void Clear() => _start = _end = 0;

    /// <summary>Marks <paramref name="count"/> bytes written into the free space as written.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)(_array.Length - _end), nameof(count));
        _end += count;
    }

    /// <summary>Free space of at least <paramref name="sizeHint"/> bytes (at least one) at the tail.</summary>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureWritable(sizeHint);
        return _array.AsMemory(_end);
    }

    /// <summary>Free space of at least <paramref name="sizeHint"/> bytes (at least one) at the tail.</summary>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureWritable(sizeHint);
        return _array.AsSpan(_end);
    }

    /// <summary>Makes room for at least <paramref name="count"/> (at least one) bytes at the tail.</summary>
    public void EnsureWritable(int count)
    {
        count = Math.Max(count, 1);
        if (_array.Length - _end >= count)
        {
            return;
        }

        var length = Length;
        if (_array.Length - length >= count && _start > 0)
        {
            // Enough room once the consumed head is reclaimed.
            _array.AsSpan(_start, length).CopyTo(_array);
        }
        else
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(length + count, Math.Max(_array.Length * 2, 256)));
            _array.AsSpan(_start, length).CopyTo(grown);
            Return();
            _array = grown;
        }

        _start = 0;
        _end = length;
    }

    /// <summary>Gives a large array back to the pool once it is empty, so one big message does not pin memory.</summary>
    public void TrimIfEmpty(int keepCapacity)
    {
        if (Length == 0 && _array.Length > keepCapacity)
        {
            Return();
            _array = [];
            _start = _end = 0;
        }
    }

    /// <summary>Returns the array to the pool; the buffer is empty afterwards.</summary>
    public void Dispose()
    {
        Return();
        _array = [];
        _start = _end = 0;
    }

    private void Return()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
