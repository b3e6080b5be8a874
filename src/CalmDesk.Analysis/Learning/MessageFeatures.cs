using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis.Learning;

/// <summary>The features of one message, in three blocks. Words: each word's own features
/// (<see cref="WordFeatures"/>), the stem of each word a negator reaches, and the stem pairs of neighbouring words in
/// one clause, all scaled by 1/√(1 + words) so a long e-mail does not outweigh a short one. Rules: what the lexicons
/// and surface cues found (<see cref="RuleFeatures"/>). Language: the message's language, so each language has its
/// own intercept. The model (<see cref="LearnedModel"/>) applies exactly these, with the word block cached per
/// word; <see cref="Collect"/> lists them one by one for the training tool.</summary>
internal static class MessageFeatures
{
    public static float WordScale(int contentWords) => 1f / MathF.Sqrt(1 + contentWords);

    /// <summary>The scale of the character grams: 1/√(1 + grams in the message).</summary>
    public static float GramScale(int grams) => 1f / MathF.Sqrt(1 + grams);

    /// <summary>Whether a word also gets its Greek key: Greek script, or any word of a message read as Greek.</summary>
    public static bool UsesGreekKey(Scoring scoring, int token, int languageIndex) =>
        languageIndex == GreekIndex || scoring.Text[scoring.Tokens[token].Offset] is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF';

    public static readonly int GreekIndex = LanguageDetector.IndexOf("el");

    /// <summary>The features that depend on a word's neighbours (negation, pairs), word by word: the sink learns which
    /// word each belongs to through its Word property.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EmitContext<TSink>(Scoring scoring, ref TSink sink) where TSink : struct, IWordFeatureSink, allows ref struct
    {
        var tokens = scoring.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!scoring.IsContentWord(i))
            {
                continue;
            }

            sink.Word = i;
            var stem = WordFeatures.StemOf(tokens.Folded(i));
            if (scoring.IsNegatedWord(i))
            {
                sink.Add(FeatureHash.Of(FeatureHash.Negated, stem), 1);
            }

            if (i + 1 < tokens.Count && scoring.IsContentWord(i + 1) && !scoring.ClauseBreakBefore(i + 1))
            {
                var hash = FeatureHash.Add(FeatureHash.Start(FeatureHash.Bigram), stem);
                hash = FeatureHash.Add(FeatureHash.Add(hash, ' '), WordFeatures.StemOf(tokens.Folded(i + 1)));
                sink.Add(FeatureHash.Index(hash), 1);
            }
        }
    }

    /// <summary>Every feature of the message, one by one, into <paramref name="features"/> (for training, and for the
    /// test that the model's cached arithmetic is the same as this plain one).</summary>
    public static void Collect(Scoring scoring, int languageIndex, SparseFeatures features)
    {
        features.Clear();
        AddWords(scoring, languageIndex, 0, scoring.Tokens.Count, features);
        var rules = new Collector(features, 1);
        scoring.Rules.Emit(ref rules);
        if (languageIndex >= 0)
        {
            features.Add(RuleFeatures.LanguageBuckets[languageIndex], 1);
        }
    }

    /// <summary>The features of each sentence on its own, for the heads that also weigh a message's strongest sentence
    /// (<see cref="LearnedModel.IsPooled"/>): a sentence's words, their character grams and their context features (which
    /// never cross a sentence break), scaled by the sentence's own counts as a message's are by the message's; no rules and
    /// no language, which belong to the whole message. One entry per sentence with a content word, into
    /// <paramref name="sentences"/> (cleared first).</summary>
    public static void CollectSentences(Scoring scoring, int languageIndex, List<(int[] Indices, float[] Values)> sentences)
    {
        sentences.Clear();
        var features = new SparseFeatures();
        var start = 0;
        for (var end = 1; end <= scoring.Tokens.Count; end++)
        {
            if (end < scoring.Tokens.Count && !scoring.SentenceBreakBefore(end))
            {
                continue;
            }

            features.Clear();
            if (AddWords(scoring, languageIndex, start, end, features))
            {
                sentences.Add(features.ToArrays());
            }

            start = end;
        }
    }

    /// <summary>The word block of tokens [start, end): each content word's own features scaled by 1/√(1 + words), its
    /// character grams by 1/√(1 + grams), and the context features of those words at the words' scale. False when the
    /// range has no content word (and nothing was added).</summary>
    private static bool AddWords(Scoring scoring, int languageIndex, int start, int end, SparseFeatures features)
    {
        var tokens = scoring.Tokens;
        var words = 0;
        var counter = new Counter();
        var ignored = new Counter();
        for (var i = start; i < end; i++)
        {
            if (scoring.IsContentWord(i))
            {
                words++;
                WordFeatures.Emit(tokens.Folded(i), UsesGreekKey(scoring, i, languageIndex), ref ignored, ref counter);
            }
        }

        if (words == 0)
        {
            return false;
        }

        var sink = new Collector(features, WordScale(words));
        var grams = new Collector(features, GramScale(counter.Count));
        for (var i = start; i < end; i++)
        {
            if (scoring.IsContentWord(i))
            {
                WordFeatures.Emit(tokens.Folded(i), UsesGreekKey(scoring, i, languageIndex), ref sink, ref grams);
            }
        }

        var context = new RangeCollector(features, WordScale(words), start, end);
        EmitContext(scoring, ref context);
        return true;
    }

    private struct RangeCollector(SparseFeatures features, float scale, int start, int end) : IWordFeatureSink
    {
        public int Word { get; set; }

        public readonly void Add(int index, float value)
        {
            if (Word >= start && Word < end)
            {
                features.Add(index, value * scale);
            }
        }
    }

    private struct Counter : IFeatureSink
    {
        public int Count { get; private set; }

        public void Add(int index, float value) => Count++;
    }

    private struct Collector(SparseFeatures features, float scale) : IWordFeatureSink
    {
        public int Word { get; set; }

        public readonly void Add(int index, float value) => features.Add(index, value * scale);
    }
}

/// <summary>A feature sink that is told which word the next features belong to.</summary>
internal interface IWordFeatureSink : IFeatureSink
{
    int Word { get; set; }
}

/// <summary>A message's features as sorted, distinct buckets with their summed values.</summary>
internal sealed class SparseFeatures
{
    private readonly List<(int Index, float Value)> _items = [];

    public void Clear() => _items.Clear();

    public void Add(int index, float value) => _items.Add((index, value));

    /// <summary>The buckets in ascending order, each once, with the sum of its values.</summary>
    public (int[] Indices, float[] Values) ToArrays()
    {
        _items.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        var indices = new List<int>(_items.Count);
        var values = new List<float>(_items.Count);
        foreach (var (index, value) in _items)
        {
            if (indices.Count > 0 && indices[^1] == index)
            {
                values[^1] += value;
            }
            else
            {
                indices.Add(index);
                values.Add(value);
            }
        }

        return ([.. indices], [.. values]);
    }
}
