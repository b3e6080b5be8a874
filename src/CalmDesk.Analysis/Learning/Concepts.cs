namespace CalmDesk.Analysis.Learning;

/// <summary>The multilingual concept dictionary (Concepts/concepts.tsv): word prefixes in every language that mean
/// the same thing ("deliver", "consegn", "παραδ", "entreg"…). A word that starts with a listed prefix also counts as
/// its concept, so what the model learns from the English messages carries to the Greek ones. Prefixes are folded
/// like words; the languages share one table (a prefix that means different things in two languages is not listed).</summary>
internal static class Concepts
{
    private const int MinPrefix = 3, MaxPrefix = 16;

    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> ByPrefix = Load(out Buckets);

    /// <summary>The feature bucket of each concept ("k" + name), by concept index.</summary>
    private static readonly int[] Buckets;

    /// <summary>The buckets of the concepts whose prefixes the folded word starts with, each once.</summary>
    public static void Emit<TSink>(scoped ReadOnlySpan<char> word, ref TSink sink) where TSink : struct, IFeatureSink, allows ref struct
    {
        Span<int> seen = stackalloc int[8];
        var count = 0;
        for (var length = Math.Min(word.Length, MaxPrefix); length >= MinPrefix; length--)
        {
            if (!ByPrefix.TryGetValue(word[..length], out var concepts))
            {
                continue;
            }

            foreach (var concept in concepts)
            {
                if (count < seen.Length && !seen[..count].Contains(concept))
                {
                    seen[count++] = concept;
                    sink.Add(Buckets[concept], 1);
                }
            }
        }
    }

    private static Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Load(out int[] buckets)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        using var stream = typeof(Concepts).Assembly.GetManifestResourceStream("CalmDesk.Analysis.Concepts.concepts.tsv");
        if (stream is not null)
        {
            using var reader = new StreamReader(stream);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var f = line.Split('\t');
                if (f.Length != 3 || f[0].Length == 0)
                {
                    throw new FormatException($"Concepts, line {number}: expected 'concept<TAB>language<TAB>prefix', found '{line}'.");
                }

                var prefix = Tokenizer.Fold(f[2].Trim());
                if (prefix.Length < MinPrefix || prefix.Length > MaxPrefix)
                {
                    continue;
                }

                if (!names.TryGetValue(f[0], out var concept))
                {
                    names[f[0]] = concept = names.Count;
                }

                if (!prefixes.TryGetValue(prefix, out var list))
                {
                    prefixes[prefix] = list = [];
                }

                if (!list.Contains(concept))
                {
                    list.Add(concept);
                }
            }
        }

        buckets = [.. names.OrderBy(n => n.Value).Select(n => FeatureHash.Of(FeatureHash.Concept, n.Key))];
        return prefixes.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
