using System.Globalization;

namespace CalmDesk.Analysis;

/// <summary>The embedded lexicons (Lexicons/LANG.tsv), indexed by the first letters of each entry's first
/// word, so a token is compared with a handful of entries rather than all of them.</summary>
internal sealed class Lexicon
{
    private const int KeyLength = 3;

    private readonly Dictionary<string, List<LexiconEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LexiconEntry>> _shortWords = new(StringComparer.Ordinal);

    private Lexicon(string language, IEnumerable<LexiconEntry> entries)
    {
        Language = language;
        foreach (var entry in entries)
        {
            var first = entry.Words[0].TrimEnd('*');
            var index = first.Length >= KeyLength ? _byKey : _shortWords;
            var key = first.Length >= KeyLength ? first[..KeyLength] : first;
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(entry);
        }

        // Longer phrases first, so the most specific entry wins at a position.
        foreach (var list in _byKey.Values.Concat(_shortWords.Values))
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
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

            yield return new LexiconEntry(language, fields[0], weight, words, fields[2]);
        }
    }

    /// <summary>The entries that match at a token, longest first.</summary>
    public void MatchAt(List<Token> tokens, int index, List<(LexiconEntry Entry, int Start, int Count)> matches)
    {
        var folded = tokens[index].Folded;
        // Looked up by span: no substring per token.
        if (folded.Length >= KeyLength && _byKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folded.AsSpan(0, KeyLength), out var candidates))
        {
            Add(candidates, tokens, index, matches);
        }

        if (_shortWords.TryGetValue(folded, out var shortCandidates))
        {
            Add(shortCandidates, tokens, index, matches);
        }
    }

    private static void Add(List<LexiconEntry> candidates, List<Token> tokens, int index, List<(LexiconEntry, int, int)> matches)
    {
        foreach (var entry in candidates)
        {
            if (entry.Matches(tokens, index))
            {
                matches.Add((entry, index, entry.Words.Length));
            }
        }
    }
}
