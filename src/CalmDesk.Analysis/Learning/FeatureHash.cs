using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis.Learning;

/// <summary>Hashes features into a fixed space of 2^18 buckets: a namespace character, then the feature's
/// characters, FNV-1a, finished with MurmurHash3's mixer. Nothing is allocated; a string is never built.</summary>
internal static class FeatureHash
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;
    private const int Mask = Size - 1;
    public const uint Offset = 2166136261u;
    private const uint Prime = 16777619u;

    // Namespaces: one character each, so the same text in two roles is two features.
    public const char Word = 'w', Stem = 's', Gram = 'c', GreekKey = 'g', Negated = 'n', Bigram = 'b', Rule = 'r', Concept = 'k';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Start(char ns) => (Offset ^ ns) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint hash, char ch) => (hash ^ ch) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint hash, ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * Prime;
        }

        return hash;
    }

    /// <summary>The bucket of a finished hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Index(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        hash ^= hash >> 16;
        return (int)(hash & Mask);
    }

    /// <summary>The bucket of a namespaced text feature, e.g. a rule name ("r" + "abuse:insult:aimed").</summary>
    public static int Of(char ns, ReadOnlySpan<char> text) => Index(Add(Start(ns), text));
}
