using System.Globalization;

namespace CalmDesk.Analysis;

/// <summary>An embedded lexicon (Lexicons/LANG.tsv): weighted words and phrases with what they count towards.
/// Matching goes through the <see cref="Vocabulary"/>, which indexes every lexicon by first word.</summary>
internal sealed class Lexicon
{
    private Lexicon(string language, IEnumerable<LexiconEntry> entries)
    {
        Language = language;
        Index = LanguageDetector.IndexOf(language);
        Entries = [.. entries];
    }

    public string Language { get; }

    /// <summary>The language's position in <see cref="LanguageDetector.Supported"/>.</summary>
    public int Index { get; }

    public IReadOnlyList<LexiconEntry> Entries { get; }

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

            var words = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(Tokenizer.FoldWords).ToArray();
            if (words.Length == 0)
            {
                throw new FormatException($"Lexicon {language}, line {number}: the phrase is empty.");
            }

            if (!LexiconEntry.IsKnownLabel(fields[0]))
            {
                throw new FormatException($"Lexicon {language}, line {number}: unknown label '{fields[0]}'.");
            }

            if (fields[0] == "false_friend" && (words.Length != 1 || words[0][^1] == '*'))
            {
                throw new FormatException($"Lexicon {language}, line {number}: a false_friend is one whole word, found '{fields[2]}'.");
            }

            yield return new LexiconEntry(language, fields[0], weight, words, fields[2]) { Line = number };
        }
    }
}

/// <summary>A lexicon entry found at a token: its first token, how many tokens it covers, and the position of its
/// lexicon among those applied (the message's language comes before English).</summary>
internal readonly record struct Match(LexiconEntry Entry, int Start, int Count, int Order);
