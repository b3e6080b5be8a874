using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace CalmDesk.Analysis.Learning;

/// <summary>The learned models, one logistic regression per head (anger, abuse, each threat, each situation…) over
/// the same hashed features (<see cref="MessageFeatures"/>), with each head's score calibrated per language. Written by
/// the training tool (tools/CalmDesk.Evaluation) into Learning/model.bin.gz, embedded; <see cref="Version"/> is the
/// hash of its content.</summary>
/// <remarks>Scoring is a dot product: a word's own features are summed once per word and cached, so a message
/// costs one cache lookup per word plus its few contextual and rule features. A pooled head (<see cref="IsPooled"/>)
/// also adds the logit of the message's strongest sentence, scored on its own with the same weights and times the head's
/// <see cref="SentenceWeight"/>: a threat lives in one sentence of a long e-mail, and the whole message's scale would
/// dilute it.</remarks>
internal sealed class LearnedModel
{
    private const string Magic = "CDLM3";
    private const string MagicWithPoolingFlags = "CDLM2";
    private const string MagicWithoutPooling = "CDLM1";
    [ThreadStatic]
    private static WordBuffers? t_words;
    public const int Languages = 8; // LanguageDetector.Supported, then "und"

    private readonly int[] _rowOf;
    private readonly float[] _weights; // rows × heads
    private readonly float[] _bias;
    private readonly float[] _slope; // heads × languages
    private readonly float[] _offset; // heads × languages
    private readonly WordVectorCache _words;
    private readonly float[] _sentenceWeight;
    private readonly int[] _pooledHeads;
    private readonly float[] _threshold;

    private LearnedModel(string[] heads, float[] bias, float[] slope, float[] offset, float[] sentenceWeight, float[] threshold, int[] rowOf, float[] weights, string version)
    {
        Heads = heads;
        _sentenceWeight = sentenceWeight;
        _threshold = threshold;
        _pooledHeads = [.. Enumerable.Range(0, heads.Length).Where(h => sentenceWeight[h] > 0)];
        _bias = bias;
        _slope = slope;
        _offset = offset;
        _rowOf = rowOf;
        _weights = weights;
        Version = version;
        _words = new WordVectorCache((2 * heads.Length) + 1);
        Annoyed = IndexOf(HeadNames.Annoyed);
        Angry = IndexOf(HeadNames.Angry);
        Furious = IndexOf(HeadNames.Furious);
        Abuse = IndexOf(HeadNames.Abuse);
        AbuseAtStaff = IndexOf(HeadNames.AbuseAtStaff);
        Kinds = [.. HeadNames.AbuseKinds.Select(k => IndexOf("kind:" + k))];
        Threats = [.. HeadNames.Threats.Select(t => IndexOf("threat:" + t))];
        Situations = [.. HeadNames.Situations.Select(s => IndexOf("situation:" + s))];
        if (new[] { Annoyed, Angry, Furious, Abuse, AbuseAtStaff }.Concat(Kinds).Concat(Threats).Concat(Situations).Any(i => i < 0))
        {
            throw new InvalidDataException("The model lacks some of the heads the analysis reads: " + string.Join(", ", HeadNames.All.Except(heads)));
        }
    }

    /// <summary>The index of each head the analysis reads.</summary>
    public int Annoyed { get; }

    public int Angry { get; }

    public int Furious { get; }

    public int Abuse { get; }

    public int AbuseAtStaff { get; }

    public int[] Kinds { get; }

    public int[] Threats { get; }

    public int[] Situations { get; }

    /// <summary>The heads, in the order of every per-head array ("anger", "abuse", "threat:legal", …).</summary>
    public string[] Heads { get; }

    public int HeadCount => Heads.Length;

    /// <summary>The first 12 hex digits of the SHA-256 of the model's content.</summary>
    public string Version { get; }

    public int IndexOf(string head) => Array.IndexOf(Heads, head);

    /// <summary>Whether the head adds the logit of the message's strongest sentence to the whole message's
    /// (<see cref="MessageFeatures.CollectSentences"/>).</summary>
    public bool IsPooled(int head) => _sentenceWeight[head] > 0;

    /// <summary>What the strongest sentence's logit is multiplied by before it is added: 0 for a head that reads the
    /// message whole; for a pooled head, the weight its training fitted on out-of-fold logits (1 in a file from before
    /// the weight was fitted, when a pooled head added the sentence as it was).</summary>
    public float SentenceWeight(int head) => _sentenceWeight[head];

    /// <summary>The calibrated probability from which the head's label holds: 0.5 for anger and abuse, whose probabilities
    /// the product's own thresholds read; for a threat or a situation, the one the training chose for the best F1 out of
    /// fold on the train split (<see cref="DefaultThreshold"/> in a file from before thresholds were stored).</summary>
    public float Threshold(int head) => _threshold[head];

    public const float DefaultThreshold = 0.5f;

    /// <summary>One head as <see cref="Write"/> takes it: every bucket's weight, the bias, the calibration per language,
    /// its sentence weight and its threshold; for a refit that keeps the heads no correction touched.</summary>
    public (float[] Weights, float Bias, float[] Slope, float[] Offset, float SentenceWeight, float Threshold) Head(int head)
    {
        var weights = new float[FeatureHash.Size];
        for (var bucket = 0; bucket < _rowOf.Length; bucket++)
        {
            if (_rowOf[bucket] is var row and >= 0)
            {
                weights[bucket] = _weights[(row * HeadCount) + head];
            }
        }

        return (weights, _bias[head], _slope.AsSpan(head * Languages, Languages).ToArray(), _offset.AsSpan(head * Languages, Languages).ToArray(), _sentenceWeight[head], _threshold[head]);
    }

    /// <summary>Loads the embedded model; null when the library was built without one.</summary>
    public static LearnedModel? LoadEmbedded()
    {
        using var stream = typeof(LearnedModel).Assembly.GetManifestResourceStream("CalmDesk.Analysis.Learning.model.bin.gz");
        return stream is null ? null : Read(stream);
    }

    public static LearnedModel Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        var bytes = raw.ToArray();
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        // A file written before pooled heads and thresholds existed has neither: its calibration was fitted on whole
        // messages alone, and every label held from 0.5. One written before sentence weights has a flag per head: a
        // pooled head added its strongest sentence at weight 1.
        var magic = reader.ReadString();
        if (magic is not (Magic or MagicWithPoolingFlags or MagicWithoutPooling))
        {
            throw new InvalidDataException("Not a CalmDesk model file.");
        }

        var headCount = reader.ReadInt32();
        var heads = new string[headCount];
        var bias = new float[headCount];
        var slope = new float[headCount * Languages];
        var offset = new float[headCount * Languages];
        var sentenceWeight = new float[headCount];
        var threshold = new float[headCount];
        for (var h = 0; h < headCount; h++)
        {
            heads[h] = reader.ReadString();
            bias[h] = reader.ReadSingle();
            sentenceWeight[h] = magic switch
            {
                Magic => reader.ReadSingle(),
                MagicWithPoolingFlags => reader.ReadBoolean() ? 1 : 0,
                _ => 0,
            };
            threshold[h] = magic == MagicWithoutPooling ? DefaultThreshold : reader.ReadSingle();
            if (threshold[h] is not (> 0 and < 1))
            {
                throw new InvalidDataException("A head's threshold is not a probability.");
            }

            if (!float.IsFinite(sentenceWeight[h]) || sentenceWeight[h] < 0)
            {
                throw new InvalidDataException("A head's sentence weight is negative or not a number.");
            }

            for (var l = 0; l < Languages; l++)
            {
                slope[(h * Languages) + l] = reader.ReadSingle();
                offset[(h * Languages) + l] = reader.ReadSingle();
            }
        }

        var rows = reader.ReadInt32();
        var rowOf = new int[FeatureHash.Size];
        Array.Fill(rowOf, -1);
        var weights = new float[rows * headCount];
        for (var r = 0; r < rows; r++)
        {
            rowOf[reader.ReadInt32()] = r;
            for (var h = 0; h < headCount; h++)
            {
                weights[(r * headCount) + h] = (float)reader.ReadHalf();
            }
        }

        return new LearnedModel(heads, bias, slope, offset, sentenceWeight, threshold, rowOf, weights, version);
    }

    /// <summary>Writes a model: per head its bias, its sentence weight (0: not pooled), its threshold and its per-language calibration (slope, offset),
    /// then every bucket with a non-zero weight for some head, in ascending order, its weights stored as half-precision
    /// numbers.</summary>
    public static void Write(Stream destination, IReadOnlyList<string> heads, IReadOnlyList<float> bias, IReadOnlyList<float> sentenceWeights, IReadOnlyList<float> thresholds, float[,] slope, float[,] offset, IReadOnlyList<float[]> weightsByHead)
    {
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(heads.Count);
            for (var h = 0; h < heads.Count; h++)
            {
                writer.Write(heads[h]);
                writer.Write(bias[h]);
                writer.Write(sentenceWeights[h]);
                writer.Write(thresholds[h]);
                for (var l = 0; l < Languages; l++)
                {
                    writer.Write(slope[h, l]);
                    writer.Write(offset[h, l]);
                }
            }

            var used = Enumerable.Range(0, FeatureHash.Size).Where(i => weightsByHead.Any(w => (Half)w[i] != Half.Zero)).ToList();
            writer.Write(used.Count);
            foreach (var bucket in used)
            {
                writer.Write(bucket);
                foreach (var weights in weightsByHead)
                {
                    writer.Write((Half)weights[bucket]);
                }
            }
        }

        raw.Position = 0;
        // Fixed compression level and no timestamps: the same model writes the same bytes.
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        raw.CopyTo(gzip);
    }

    /// <summary>The raw logit of every head for a scored message, and each word's share of it (for the evidence):
    /// <paramref name="byWord"/> holds words × heads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Logits(Scoring scoring, int languageIndex, Span<double> logits, Span<float> byWord)
    {
        var heads = HeadCount;
        for (var h = 0; h < heads; h++)
        {
            logits[h] = _bias[h];
        }

        var tokens = scoring.Tokens;
        var scale = MessageFeatures.WordScale(scoring.ContentWords);
        byWord[..(tokens.Count * heads)].Clear();
        // Each word's own features, cached: its word-level part, its character grams' part, and how many grams it has
        // (the grams' scale depends on the message's total).
        var grams = 0;
        var count = tokens.Count;
        var buffers = t_words is { } existing && existing.Own.Length >= count ? existing : t_words = new WordBuffers(Math.Max(64, count * 2));
        var (own, rows, keys) = (buffers.Own, buffers.Rows, buffers.Keys);
        // First the keys of the words the vocabulary does not already hold, and a request to the memory for their slots;
        // then their rows, and a request for those; then the arithmetic, by which time most of it has arrived.
        for (var i = 0; i < count; i++)
        {
            own[i] = null;
            rows[i] = -1;
            if (!scoring.IsContentWord(i))
            {
                continue;
            }

            var greek = MessageFeatures.UsesGreekKey(scoring, i, languageIndex);
            if (tokens.Info(i) is { } info)
            {
                own[i] = info.ModelVectors[greek ? 1 : 0] ??= ComputeVector(tokens.Folded(i), greek);
            }
            else
            {
                keys[i] = WordVectorCache.Key(tokens.Folded(i), greek);
                _words.PrefetchSlot(keys[i]);
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (own[i] is not null || !scoring.IsContentWord(i))
            {
                continue;
            }

            var row = _words.Find(keys[i]);
            if (row < 0)
            {
                var vector = ComputeVector(tokens.Folded(i), MessageFeatures.UsesGreekKey(scoring, i, languageIndex));
                row = _words.Add(keys[i], vector);
                own[i] = row < 0 ? vector : null;
            }
            else
            {
                _words.PrefetchRow(row);
            }

            rows[i] = row;
        }

        for (var i = 0; i < count; i++)
        {
            grams += own[i] is { } vector ? (int)vector[2 * heads] : rows[i] >= 0 ? (int)_words.Row(rows[i])[2 * heads] : 0;
        }

        var gramScale = MessageFeatures.GramScale(grams);
        for (var i = 0; i < count; i++)
        {
            ReadOnlySpan<float> vector = own[i] is { } mine ? mine : rows[i] >= 0 ? _words.Row(rows[i]) : default;
            if (vector.IsEmpty)
            {
                continue;
            }

            var share = byWord.Slice(i * heads, heads);
            AddScaled(vector[..heads], scale, share);
            AddScaled(vector.Slice(heads, heads), gramScale, share);
        }

        // Pairs and negated stems land anywhere in the weights: list their rows first, ask the memory for all of them,
        // then add them, so the cache misses overlap instead of coming one after another.
        var context = new WordSink(t_context ??= new ContextBuffer());
        context.Buffer.Clear();
        MessageFeatures.EmitContext(scoring, ref context);
        AddContext(context.Buffer, byWord, scale);
        Span<float> total = stackalloc float[heads];
        for (var i = 0; i < tokens.Count; i++)
        {
            AddScaled(byWord.Slice(i * heads, heads), 1, total);
        }

        for (var h = 0; h < heads; h++)
        {
            logits[h] += total[h];
        }

        if (_pooledHeads.Length > 0)
        {
            AddStrongestSentence(scoring, buffers, context.Buffer, logits, byWord);
        }

        var rules = new RuleSink(this, logits);
        scoring.Rules.Emit(ref rules);
        if (languageIndex >= 0)
        {
            // An undetermined language has no intercept of its own: too few messages to learn one, and those few
            // (a "grazie!!! 🙏") would teach it a label.
            rules.Add(RuleFeatures.LanguageBuckets[languageIndex], 1);
        }
    }

    /// <summary>For each pooled head, the logit of the message's strongest sentence on its own (the arithmetic of
    /// <see cref="MessageFeatures.CollectSentences"/>, from the cached word vectors and the context features already
    /// listed), times the head's sentence weight, added to the head's logit and, as evidence, to the words of that
    /// sentence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddStrongestSentence(Scoring scoring, WordBuffers buffers, ContextBuffer context, Span<double> logits, Span<float> byWord)
    {
        var heads = HeadCount;
        var pooled = _pooledHeads;
        var tokens = scoring.Tokens;
        Span<float> words = stackalloc float[pooled.Length];
        Span<float> grams = stackalloc float[pooled.Length];
        Span<float> best = stackalloc float[pooled.Length];
        Span<int> bestStart = stackalloc int[pooled.Length];
        Span<int> bestEnd = stackalloc int[pooled.Length];
        Span<float> bestWordScale = stackalloc float[pooled.Length];
        Span<float> bestGramScale = stackalloc float[pooled.Length];
        best.Fill(float.NegativeInfinity);
        var start = 0;
        var next = 0; // the context features are listed word by word, in order
        for (var end = 1; end <= tokens.Count; end++)
        {
            if (end < tokens.Count && !scoring.SentenceBreakBefore(end))
            {
                continue;
            }

            words.Clear();
            grams.Clear();
            var (wordCount, gramCount) = (0, 0);
            for (var i = start; i < end; i++)
            {
                var vector = VectorOf(buffers, i);
                if (vector.IsEmpty)
                {
                    continue;
                }

                wordCount++;
                gramCount += (int)vector[2 * heads];
                for (var k = 0; k < pooled.Length; k++)
                {
                    words[k] += vector[pooled[k]];
                    grams[k] += vector[heads + pooled[k]];
                }
            }

            for (; next < context.Count && context.Word[next] < end; next++)
            {
                if (context.Row[next] is var row and >= 0)
                {
                    for (var k = 0; k < pooled.Length; k++)
                    {
                        words[k] += _weights[(row * heads) + pooled[k]] * context.Value[next];
                    }
                }
            }

            if (wordCount > 0)
            {
                var (wordScale, gramScale) = (MessageFeatures.WordScale(wordCount), MessageFeatures.GramScale(gramCount));
                for (var k = 0; k < pooled.Length; k++)
                {
                    var score = (words[k] * wordScale) + (grams[k] * gramScale);
                    if (score > best[k])
                    {
                        (best[k], bestStart[k], bestEnd[k], bestWordScale[k], bestGramScale[k]) = (score, start, end, wordScale, gramScale);
                    }
                }
            }

            start = end;
        }

        for (var k = 0; k < pooled.Length; k++)
        {
            if (float.IsNegativeInfinity(best[k]))
            {
                continue;
            }

            var h = pooled[k];
            var weight = _sentenceWeight[h];
            logits[h] += weight * best[k];
            // The same sum again, word by word, for the evidence.
            var (wordScale, gramScale) = (weight * bestWordScale[k], weight * bestGramScale[k]);
            for (var i = bestStart[k]; i < bestEnd[k]; i++)
            {
                if (VectorOf(buffers, i) is { IsEmpty: false } vector)
                {
                    byWord[(i * heads) + h] += (vector[h] * wordScale) + (vector[heads + h] * gramScale);
                }
            }

            for (var c = 0; c < context.Count; c++)
            {
                if (context.Word[c] >= bestStart[k] && context.Word[c] < bestEnd[k] && context.Row[c] is var row and >= 0)
                {
                    byWord[(context.Word[c] * heads) + h] += _weights[(row * heads) + h] * context.Value[c] * wordScale;
                }
            }
        }
    }

    private ReadOnlySpan<float> VectorOf(WordBuffers buffers, int word) =>
        buffers.Own[word] is { } own ? own : buffers.Rows[word] >= 0 ? _words.Row(buffers.Rows[word]) : default;

    /// <summary>The raw logits of an explicit feature list, the plain way: bias plus each feature's weight times its value.
    /// The tests hold <see cref="Logits"/> to it.</summary>
    public void PlainLogits(int[] indices, float[] values, IReadOnlyList<(int[] Indices, float[] Values)> sentences, Span<double> logits)
    {
        for (var h = 0; h < HeadCount; h++)
        {
            logits[h] = _bias[h] + Dot(indices, values, h);
            if (_sentenceWeight[h] > 0 && sentences.Count > 0)
            {
                logits[h] += _sentenceWeight[h] * sentences.Max(sentence => Dot(sentence.Indices, sentence.Values, h));
            }
        }
    }

    private double Dot(int[] indices, float[] values, int head)
    {
        double sum = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            if (_rowOf[indices[i]] is var row and >= 0)
            {
                sum += _weights[(row * HeadCount) + head] * values[i];
            }
        }

        return sum;
    }

    /// <summary>Every head's calibrated probability for a scored message, into <paramref name="p"/>, and each word's share
    /// of each head's logit into <paramref name="byWord"/> (words × heads).</summary>
    public void Probabilities(Scoring scoring, int languageIndex, Span<double> p, Span<float> byWord)
    {
        Logits(scoring, languageIndex, p, byWord);
        for (var h = 0; h < p.Length; h++)
        {
            p[h] = Probability(h, languageIndex, p[h]);
        }
    }

    /// <summary>A head's calibrated probability for a raw logit, in the message's language.</summary>
    public double Probability(int head, int languageIndex, double logit)
    {
        var l = (head * Languages) + (languageIndex < 0 ? Languages - 1 : languageIndex);
        return 1 / (1 + Math.Exp(-((_slope[l] * logit) + _offset[l])));
    }

    /// <summary>A word's own features summed per head: the word-level part (heads), then the character grams' part
    /// (heads), then the number of grams. Computed once per word: the callers keep it (<see cref="WordVectorCache"/>).</summary>
    private float[] ComputeVector(ReadOnlySpan<char> word, bool greekKey)
    {
        var vector = new float[(2 * HeadCount) + 1];
        var words = new VectorSink(this, vector, 0);
        var grams = new VectorSink(this, vector, HeadCount);
        WordFeatures.Emit(word, greekKey, ref words, ref grams);
        return vector;
    }

    /// <summary>Per thread, the words of the message being scored: a vector held outside the cache, the cache row,
    /// the cache key.</summary>
    private sealed class WordBuffers(int size)
    {
        public float[]?[] Own { get; } = new float[]?[size];

        public int[] Rows { get; } = new int[size];

        public ulong[] Keys { get; } = new ulong[size];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRow(int index, float value, Span<float> into)
    {
        var row = _rowOf[index];
        if (row < 0)
        {
            return;
        }

        AddScaled(_weights.AsSpan(row * HeadCount, HeadCount), value, into);
    }

    private readonly struct VectorSink(LearnedModel model, float[] vector, int offset) : IFeatureSink
    {
        public void Add(int index, float value)
        {
            model.AddRow(index, value, vector.AsSpan(offset, model.HeadCount));
            if (offset > 0)
            {
                vector[^1]++;
            }
        }
    }

    [ThreadStatic]
    private static ContextBuffer? t_context;

    /// <summary>The context features of one message: bucket, value and word, then the bucket's row.</summary>
    private sealed class ContextBuffer
    {
        public int[] Index = new int[128];
        public float[] Value = new float[128];
        public int[] Word = new int[128];
        public int[] Row = new int[128];
        public int Count;

        public void Clear() => Count = 0;

        public void Add(int index, float value, int word)
        {
            if (Count == Index.Length)
            {
                Array.Resize(ref Index, Count * 2);
                Array.Resize(ref Value, Count * 2);
                Array.Resize(ref Word, Count * 2);
                Array.Resize(ref Row, Count * 2);
            }

            (Index[Count], Value[Count], Word[Count]) = (index, value, word);
            Count++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void AddContext(ContextBuffer buffer, Span<float> byWord, float scale)
    {
        var heads = HeadCount;
        var count = buffer.Count;
        var rows = buffer.Row.AsSpan(0, count);
        var indices = buffer.Index.AsSpan(0, count);
        for (var k = 0; k < count; k++)
        {
            rows[k] = _rowOf[indices[k]];
        }

        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            fixed (float* weights = _weights)
            {
                foreach (var row in rows)
                {
                    if (row >= 0)
                    {
                        System.Runtime.Intrinsics.X86.Sse.Prefetch0(weights + (row * heads));
                        System.Runtime.Intrinsics.X86.Sse.Prefetch0(weights + (row * heads) + heads - 1);
                    }
                }
            }
        }

        for (var k = 0; k < count; k++)
        {
            if (rows[k] >= 0)
            {
                AddScaled(_weights.AsSpan(rows[k] * heads, heads), buffer.Value[k] * scale, byWord.Slice(buffer.Word[k] * heads, heads));
            }
        }
    }

    /// <summary>into += weights × value, eight at a time where the machine can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ReadOnlySpan<float> weights, float value, Span<float> into)
    {
        var h = 0;
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            var factor = System.Runtime.Intrinsics.Vector256.Create(value);
            for (; h + 8 <= weights.Length; h += 8)
            {
                var sum = System.Runtime.Intrinsics.Vector256.Create(into[h..]) + (System.Runtime.Intrinsics.Vector256.Create(weights[h..]) * factor);
                System.Runtime.Intrinsics.Vector256.CopyTo(sum, into[h..]);
            }
        }

        for (; h < weights.Length; h++)
        {
            into[h] += weights[h] * value;
        }
    }

    private struct WordSink(ContextBuffer buffer) : IWordFeatureSink
    {
        public readonly ContextBuffer Buffer => buffer;

        public int Word { get; set; }

        public readonly void Add(int index, float value) => buffer.Add(index, value, Word);
    }

    private ref struct RuleSink(LearnedModel model, Span<double> logits) : IFeatureSink
    {
        private readonly Span<double> _logits = logits;

        public readonly void Add(int index, float value)
        {
            var row = model._rowOf[index];
            if (row < 0)
            {
                return;
            }

            for (var h = 0; h < model.HeadCount; h++)
            {
                _logits[h] += model._weights[(row * model.HeadCount) + h] * value;
            }
        }
    }
}
