using CalmDesk.Analysis;

namespace CalmDesk.Evaluation.Corpus;

/// <summary>Finds messages that are near-copies of one another (a template with words swapped): MinHash signatures of
/// each message's word 3-shingles, banded so that only likely pairs are compared, then the estimated Jaccard
/// similarity of the pair. A corpus of template fill-ins teaches the template, not the language.</summary>
internal static class NearDuplicates
{
    private const int Hashes = 64, Bands = 16, Rows = Hashes / Bands, Shingle = 3;

    public sealed record Pair(string First, string Second, double Similarity);

    public static List<Pair> Find(IReadOnlyList<(string Id, string Text)> messages, double threshold)
    {
        var signatures = messages.Select(m => Signature(m.Text)).ToList();
        var candidates = new HashSet<(int, int)>();
        for (var band = 0; band < Bands; band++)
        {
            var buckets = new Dictionary<ulong, List<int>>();
            for (var i = 0; i < signatures.Count; i++)
            {
                if (signatures[i] is not { } signature)
                {
                    continue;
                }

                var key = 1469598103934665603UL;
                for (var r = 0; r < Rows; r++)
                {
                    key = (key ^ signature[(band * Rows) + r]) * 1099511628211UL;
                }

                if (!buckets.TryGetValue(key, out var bucket))
                {
                    buckets[key] = bucket = [];
                }

                foreach (var j in bucket)
                {
                    candidates.Add((j, i));
                }

                bucket.Add(i);
            }
        }

        List<Pair> pairs = [];
        foreach (var (a, b) in candidates.Order())
        {
            var same = 0;
            for (var h = 0; h < Hashes; h++)
            {
                same += signatures[a]![h] == signatures[b]![h] ? 1 : 0;
            }

            var similarity = (double)same / Hashes;
            if (similarity >= threshold)
            {
                pairs.Add(new Pair(messages[a].Id, messages[b].Id, similarity));
            }
        }

        return pairs;
    }

    /// <summary>The minimum, per seeded hash, over the message's shingles; null when it has too few words to shingle.</summary>
    private static ulong[]? Signature(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => Tokenizer.Fold(w.Trim('.', ',', '!', '?', ';', ':', '"', '(', ')'))).Where(w => w.Length > 0).ToList();
        if (words.Count < Shingle + 2)
        {
            return null;
        }

        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        for (var i = 0; i + Shingle <= words.Count; i++)
        {
            var shingle = 1469598103934665603UL;
            foreach (var ch in string.Join(' ', words.Skip(i).Take(Shingle)))
            {
                shingle = (shingle ^ ch) * 1099511628211UL;
            }

            for (var h = 0; h < Hashes; h++)
            {
                var value = Mix(shingle + ((ulong)h * 0x9E3779B97F4A7C15UL));
                signature[h] = Math.Min(signature[h], value);
            }
        }

        return signature;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}
