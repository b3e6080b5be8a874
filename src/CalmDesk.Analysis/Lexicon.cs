using System.Globalization;
using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis;

/// <summary>The embedded lexicons (Lexicons/LANG.tsv), indexed by each entry's first word: a token is compared
/// only with the entries that start with it, and with the prefix entries ("idiot*") that share its first letters.</summary>
internal sealed class Lexicon
{
    private const int KeyLength = 3;

    // Entries whose first word is a whole word, by that word; entries whose first word is a prefix, by its first
    // KeyLength letters (or the whole prefix when it is shorter, in _shortPrefixes). Each list longest phrase first.
    private readonly Dictionary<string, LexiconEntry[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly Dictionary<string, LexiconEntry[]>.AlternateLookup<ReadOnlySpan<char>> _prefixesByKey;
    private readonly LexiconEntry[] _shortPrefixes;

    private Lexicon(string language, IEnumerable<LexiconEntry> entries)
    {
        Language = language;
        var byFirstWord = new Dictionary<string, List<LexiconEntry>>(StringComparer.Ordinal);
        var prefixesByKey = new Dictionary<string, List<LexiconEntry>>(StringComparer.Ordinal);
        var shortPrefixes = new List<LexiconEntry>();
        foreach (var entry in entries)
        {
            var first = entry.Words[0];
            if (first[^1] != '*')
            {
                Add(byFirstWord, first, entry);
            }
            else if (first.Length - 1 >= KeyLength)
            {
                Add(prefixesByKey, first[..KeyLength], entry);
            }
            else
            {
                shortPrefixes.Add(entry);
            }
        }

        _byFirstWord = Sorted(byFirstWord).GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixesByKey = Sorted(prefixesByKey).GetAlternateLookup<ReadOnlySpan<char>>();
        _shortPrefixes = [.. shortPrefixes.OrderByDescending(e => e.Words.Length).ThenBy(e => e.Line)];

        static void Add(Dictionary<string, List<LexiconEntry>> index, string key, LexiconEntry entry)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(entry);
        }

        // Longer phrases first, so the most specific entry wins at a position; then in file order.
        static Dictionary<string, LexiconEntry[]> Sorted(Dictionary<string, List<LexiconEntry>> index) =>
            index.ToDictionary(p => p.Key, p => p.Value.OrderByDescending(e => e.Words.Length).ThenBy(e => e.Line).ToArray(), StringComparer.Ordinal);
    }

    public string Language { get; }

    public static IReadOnlyDictionary<string, Lexicon> LoadAll()
    {
        var lexicons = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        foreach (var language in LanguageDetector.Supported)
        {
            using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream($"CalmDesk.Analysis.Lexicons.{language}.tsv")
                ?? throw new InvalidOperationException($"The {language} lexicon is missing from the assembly.");
            using var reader = new StreamReader(stream);
            lexicons[language] = new Lexicon(language, Parse(language, reader));
        }

        return lexicons;
    }

    /// <summary>Reads "label TAB weight TAB phrase" lines; a malformed line names its number.</summary>
    public static IEnumerable<LexiconEntry> Parse(string language, TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                throw new FormatException($"Lexicon {language}, line {number}: expected 'label<TAB>weight<TAB>phrase', found '{line}'.");
            }

            var words = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.EndsWith('*') ? Tokenizer.Fold(w[..^1]) + "*" : Tokenizer.Fold(w))
                .ToArray();
            if (words.Length == 0)
            {
                throw new FormatException($"Lexicon {language}, line {number}: the phrase is empty.");
            }

            if (!LexiconEntry.IsKnownLabel(fields[0]))
            {
                throw new FormatException($"Lexicon {language}, line {number}: unknown label '{fields[0]}'.");
            }

            yield return new LexiconEntry(language, fields[0], weight, words, fields[2]) { Line = number };
        }
    }

    /// <summary>The entries that match at a token, longest first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MatchAt(TokenList tokens, int index, int order, List<Match> matches)
    {
        var folded = tokens.Folded(index);
        if (_byFirstWord.TryGetValue(folded, out var candidates))
        {
            Add(candidates, tokens, index, order, matches);
        }

        if (folded.Length >= KeyLength && _prefixesByKey.TryGetValue(folded[..KeyLength], out var prefixed))
        {
            Add(prefixed, tokens, index, order, matches);
        }

        if (_shortPrefixes.Length > 0)
        {
            Add(_shortPrefixes, tokens, index, order, matches);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add(LexiconEntry[] candidates, TokenList tokens, int index, int order, List<Match> matches)
    {
        foreach (var entry in candidates)
        {
            if (entry.Matches(tokens, index))
            {
                matches.Add(new Match(entry, index, entry.Words.Length, order));
            }
        }
    }
}

/// <summary>A lexicon entry found at a token: its first token, how many tokens it covers, and the position of its
/// lexicon among those applied (the message's language comes before English).</summary>
internal readonly record struct Match(LexiconEntry Entry, int Start, int Count, int Order);
