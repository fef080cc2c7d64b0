namespace Moonwire.Fuzz;

/// <summary>
/// Chunk sizes drawn from a seed taken out of the input itself, so a crash replays exactly: the same
/// bytes always split the same way. Models TCP handing over a stream in reads of arbitrary size.
/// </summary>
internal struct ChunkPlan
{
    private readonly int _maxChunk;
    private uint _state;

    /// <param name="seed">The low 3 bits pick the largest chunk (1..128 bytes); all 8 seed the sequence.</param>
    public ChunkPlan(byte seed)
    {
        _maxChunk = 1 << (seed & 7);
        _state = 0x9E3779B9u ^ (seed * 0x01000193u);
    }

    /// <summary>The next chunk length, 1..min(max, <paramref name="remaining"/>).</summary>
    public int Next(int remaining) => Math.Min(remaining, 1 + (int)(NextBits() % (uint)_maxChunk));

    /// <summary>True about one time in <paramref name="n"/>.</summary>
    public bool OneIn(int n) => NextBits() % (uint)n == 0;

    // xorshift32: tiny, and good enough to vary chunk boundaries.
    private uint NextBits()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return _state;
    }
}
