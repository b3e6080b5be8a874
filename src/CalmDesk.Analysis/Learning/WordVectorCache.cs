using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CalmDesk.Analysis.Learning;

/// <summary>Each word's summed feature weights, computed once (<see cref="LearnedModel"/>): a fixed table from the
/// word's 64-bit hash to a row of a dense store, which a message can ask the memory for all at once (the lookups are
/// most of the model's time, and nearly all of it is waiting for memory). Reading takes no lock; adding takes one, and
/// publishes the key last, so a reader that sees the key sees its row. Two words are taken for one only when their
/// 64-bit hashes collide, which for the 200,000 words the table holds at most is about one chance in 10^9.</summary>
internal sealed class WordVectorCache(int width)
{
    public const int MaxWords = 200_000;
    private const int Capacity = 1 << 19; // slots: the table is never more than 40 % full
    private const int Mask = Capacity - 1;
    private const int ChunkRows = 4096;

    private readonly ulong[] _keys = new ulong[Capacity]; // 0: empty
    private readonly int[] _rows = new int[Capacity];
    private readonly float[]?[] _chunks = new float[]?[(MaxWords + ChunkRows - 1) / ChunkRows];
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>Floats per word.</summary>
    public int Width => width;

    /// <summary>The key of a word, and whether it is read with its Greek key (the same word has two vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ReadOnlySpan<char> word, bool greekKey)
    {
        var hash = greekKey ? 0x84222325CBF29CE4UL : 0xCBF29CE484222325UL;
        foreach (var ch in word)
        {
            hash = (hash ^ ch) * 0x100000001B3UL;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return hash | 1; // never 0, which marks an empty slot
    }

    /// <summary>Asks the memory for the key's slot, to be read soon.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchSlot(ulong key)
    {
        if (Sse.IsSupported)
        {
            fixed (ulong* keys = _keys)
            {
                Sse.Prefetch0(keys + (int)(key & Mask));
            }
        }
    }

    /// <summary>Asks the memory for a row, to be read soon.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchRow(int row)
    {
        if (Sse.IsSupported && Volatile.Read(ref _chunks[row / ChunkRows]) is { } chunk)
        {
            fixed (float* start = &chunk[(row % ChunkRows) * width])
            {
                for (var line = 0; line < width; line += 16)
                {
                    Sse.Prefetch0(start + line);
                }
            }
        }
    }

    /// <summary>The row of a key, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong key)
    {
        for (var slot = (int)(key & Mask); ; slot = (slot + 1) & Mask)
        {
            var found = Volatile.Read(ref _keys[slot]);
            if (found == key)
            {
                return _rows[slot];
            }

            if (found == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>A row's vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> Row(int row) => Volatile.Read(ref _chunks[row / ChunkRows]).AsSpan((row % ChunkRows) * width, width);

    /// <summary>Adds a word's vector and returns its row; -1 when the table is full (the caller keeps its own copy).</summary>
    public int Add(ulong key, ReadOnlySpan<float> vector)
    {
        lock (_lock)
        {
            var existing = Find(key);
            if (existing >= 0 || _count >= MaxWords)
            {
                return existing;
            }

            var row = _count;
            var chunk = _chunks[row / ChunkRows] ??= new float[ChunkRows * width];
            vector.CopyTo(chunk.AsSpan((row % ChunkRows) * width, width));
            var slot = (int)(key & Mask);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & Mask;
            }

            _rows[slot] = row;
            Volatile.Write(ref _keys[slot], key);
            _count = row + 1;
            return row;
        }
    }
}
