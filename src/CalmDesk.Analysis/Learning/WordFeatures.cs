using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis.Learning;

/// <summary>Receives features: a bucket and a value.</summary>
internal interface IFeatureSink
{
    void Add(int index, float value);
}

/// <summary>The features a word has on its own, wherever it stands: the word, its stem, its character 3- to 5-grams
/// (inflection, typos and compounds are shared by the words that share letters), its concepts in the multilingual
/// dictionary (<see cref="Concepts"/>), and for Greek its
/// <see cref="GreekKey"/> with the key's 4-grams, so greeklish meets Greek. The model sums their weights once per
/// word and caches the sum; the training tool lists them one by one. Both read them here.</summary>
internal static class WordFeatures
{
    /// <summary>Stems are the first five letters: a language-independent truncation stemmer, which needs neither a
    /// word list nor an allocation, and which the character grams complement for short words.</summary>
    public const int StemLength = 5;

    private const int MinGram = 3, MaxGram = 5, KeyGram = 4;

    /// <summary>The word-level features (word, stem, Greek key) go to <paramref name="words"/>, the character grams to
    /// <paramref name="grams"/>: the two blocks are scaled apart, so a word's many grams do not drown its one word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Emit<TWords, TGrams>(scoped ReadOnlySpan<char> word, bool greekKey, ref TWords words, ref TGrams grams)
        where TWords : struct, IFeatureSink, allows ref struct
        where TGrams : struct, IFeatureSink, allows ref struct
    {
        words.Add(FeatureHash.Of(FeatureHash.Word, word), 1);
        if (word.Length > StemLength)
        {
            words.Add(FeatureHash.Of(FeatureHash.Stem, word[..StemLength]), 1);
        }

        Concepts.Emit(word, ref words);

        Grams(FeatureHash.Gram, word, MinGram, MaxGram, ref grams);
        if (greekKey)
        {
            Span<char> key = stackalloc char[GreekKey.MaxLength];
            var length = GreekKey.Write(word, key);
            if (length > 0)
            {
                words.Add(FeatureHash.Of(FeatureHash.GreekKey, key[..length]), 1);
                Grams(FeatureHash.GreekKey, key[..length], KeyGram, KeyGram, ref grams);
            }
        }
    }

    /// <summary>The stem of a word as used by bigrams and negated words.</summary>
    public static ReadOnlySpan<char> StemOf(ReadOnlySpan<char> word) => word.Length > StemLength ? word[..StemLength] : word;

    // The n-grams of "<word>", the angle brackets marking its start and end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Grams<TSink>(char ns, scoped ReadOnlySpan<char> word, int min, int max, ref TSink sink) where TSink : struct, IFeatureSink, allows ref struct
    {
        var padded = word.Length + 2;
        for (var n = min; n <= max && n <= padded; n++)
        {
            for (var start = 0; start + n <= padded; start++)
            {
                var hash = FeatureHash.Start(ns);
                for (var p = start; p < start + n; p++)
                {
                    hash = FeatureHash.Add(hash, p == 0 ? '<' : p == padded - 1 ? '>' : word[p - 1]);
                }

                sink.Add(FeatureHash.Index(hash), 1);
            }
        }
    }
}
