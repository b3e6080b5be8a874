using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis;

/// <summary>Everything the analysis knows about one folded word, gathered once when the analyzer is built: the
/// languages that use it as a function word, the lexicon entries that can start at it, and its model weights.</summary>
internal sealed class WordInfo(int languages)
{
    /// <summary>Indices (in <see cref="LanguageDetector.Supported"/>) of the languages that use the word as a function
    /// word; a language listed twice counts twice, as in the detector's table.</summary>
    public int[] FunctionWordOf { get; set; } = [];

    /// <summary>Bits by language index: the languages whose lexicon marks this word as a false friend, where
    /// English entries do not start at it.</summary>
    public int FalseFriendOf { get; set; }

    /// <summary>By language index: the entries whose first word is this word, or a prefix of it ("idiot*").</summary>
    public LexiconEntry[]?[] Entries { get; } = new LexiconEntry[]?[languages];

    /// <summary>The analyzer's model's vector for this word (without and with the Greek key), once computed: the most
    /// frequent words are function words, and the token already points here, so they skip the model's word cache.
    /// Racing threads may both compute it; they compute the same thing.</summary>
    public float[]?[] ModelVectors { get; } = new float[]?[2];
}

/// <summary>One index over the function words and the lexicons, so that a token is looked up once
/// (and a word no list names, once more for the prefix entries), instead of once per list and per language.</summary>
internal sealed class Vocabulary
{
    private const int KeyLength = 3;

    private readonly Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> _words;

    // Prefix entries ("idiot*") by their first KeyLength letters, per language; prefixes shorter than that apart.
    private readonly Dictionary<string, LexiconEntry[]?[]>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
    private readonly LexiconEntry[]?[] _shortPrefixes;

    public Vocabulary(IEnumerable<Lexicon> lexicons)
    {
        var count = LanguageDetector.Supported.Count;
        var words = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        var exact = new Dictionary<(string Word, int Language), List<LexiconEntry>>();
        var prefixes = new Dictionary<string, List<LexiconEntry>?[]>(StringComparer.Ordinal);
        var shortPrefixes = new List<LexiconEntry>?[count];
        foreach (var lexicon in lexicons)
        {
            foreach (var entry in lexicon.Entries)
            {
                var first = entry.Words[0];
                if (entry.Label == "false_friend")
                {
                    Info(first).FalseFriendOf |= 1 << lexicon.Index;
                }
                else if (first[^1] != '*')
                {
                    Info(first);
                    if (!exact.TryGetValue((first, lexicon.Index), out var starting))
                    {
                        exact[(first, lexicon.Index)] = starting = [];
                    }

                    starting.Add(entry);
                }
                else if (first.Length - 1 >= KeyLength)
                {
                    var key = first[..KeyLength];
                    if (!prefixes.TryGetValue(key, out var byLanguage))
                    {
                        prefixes[key] = byLanguage = new List<LexiconEntry>?[count];
                    }

                    (byLanguage[lexicon.Index] ??= []).Add(entry);
                }
                else
                {
                    (shortPrefixes[lexicon.Index] ??= []).Add(entry);
                }
            }
        }

        foreach (var (word, languages) in LanguageDetector.FunctionWordIndex())
        {
            Info(word).FunctionWordOf = languages;
        }

        _prefixes = prefixes.ToDictionary(p => p.Key, p => Array.ConvertAll(p.Value, l => l?.ToArray()), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _shortPrefixes = Array.ConvertAll(shortPrefixes, l => l?.ToArray());

        // A known word carries its prefix entries too, so only the words no list names need a second lookup.
        foreach (var (word, info) in words)
        {
            var byKey = PrefixesFor(word);
            for (var language = 0; language < count; language++)
            {
                var entries = new List<LexiconEntry>();
                if (exact.TryGetValue((word, language), out var starting))
                {
                    entries.AddRange(starting);
                }

                entries.AddRange((byKey?[language] ?? []).Concat(_shortPrefixes[language] ?? []).Where(e => word.StartsWith(e.Words[0][..^1], StringComparison.Ordinal)));
                info.Entries[language] = entries.Count > 0 ? [.. entries] : null;
            }
        }

        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();

        WordInfo Info(string word) => words.TryGetValue(word, out var info) ? info : words[word] = new WordInfo(count);
    }

    /// <summary>What the lists say about a folded word; null when none names it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WordInfo? Find(ReadOnlySpan<char> folded) => _words.TryGetValue(folded, out var info) ? info : null;

    /// <summary>For a word no list names: the prefix entries that share its first letters, by language
    /// (to be confirmed with <see cref="LexiconEntry.Matches"/>).</summary>
    public LexiconEntry[]?[]? PrefixesFor(ReadOnlySpan<char> folded) =>
        folded.Length >= KeyLength && _prefixes.TryGetValue(folded[..KeyLength], out var byLanguage) ? byLanguage : null;

    /// <summary>Prefix entries shorter than the index key, by language (checked on every unnamed word).</summary>
    public LexiconEntry[]? ShortPrefixes(int language) => _shortPrefixes[language];
}
