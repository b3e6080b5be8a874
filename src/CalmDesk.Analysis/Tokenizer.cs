using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CalmDesk.Analysis;

/// <summary>Splits text into words (letters, digits, apostrophes and hyphens inside words) with their offsets.</summary>
internal static class Tokenizer
{
    // The folded form of each UTF-16 unit, filled in on first use: Unknown until computed, Nothing for a unit that
    // folds away (a combining mark), Several for one that folds to more than one unit (computed each time; rare).
    private const char Unknown = '\uFFFE', Several = '\uFFFF', Nothing = '\0';

    private static readonly char[] FoldTable = NewFoldTable();

    /// <summary>Fills <paramref name="tokens"/> with the words of the judged text, each looked up once in the vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tokenize(string text, MessageParts parts, TokenList tokens, Vocabulary vocabulary)
    {
        tokens.Clear();
        var i = 0;
        var end = parts.JudgedEnd;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]) || !parts.IsJudged(i))
            {
                i++;
                continue;
            }

            var start = i;
            var foldedStart = tokens.FoldedEnd;
            var upper = 0;
            var letters = 0;
            var digit = false;
            while (i < end && (char.IsLetterOrDigit(text[i]) || IsInnerJoiner(text, i, end) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                var ch = text[i];
                if (ch is '\'' or '’' && IsElision(tokens.FoldedSince(foldedStart)))
                {
                    // "l'avvocato", "dell'ordine", "c'est": the elided article is a word of its own.
                    tokens.AppendFolded('\'');
                    i++;
                    break;
                }

                if (char.IsLetter(ch))
                {
                    letters++;
                    if (char.IsUpper(ch))
                    {
                        upper++;
                    }
                }
                else if (char.IsDigit(ch))
                {
                    digit = true;
                }

                var folded = FoldOf(ch);
                if (folded == Several)
                {
                    foreach (var part in SlowFold(ch))
                    {
                        tokens.AppendFolded(part);
                    }
                }
                else if (folded != Nothing)
                {
                    tokens.AppendFolded(folded);
                }

                i++;
            }

            tokens.Add(start, i - start, foldedStart, letters >= 2 && upper == letters, digit, vocabulary);
        }
    }

    /// <summary>Italian and French words that drop their last vowel before another word ("l'avvocato",
    /// "dell'ordine", "un'ora", "j'ai", "qu'il"). Split there, so the next word is matched as itself. English
    /// contractions ("don't", "it's") stay whole: none of their first parts is listed.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Elisions = new HashSet<string>(StringComparer.Ordinal)
    {
        "l", "un", "dell", "all", "nell", "sull", "dall", "coll", "quell", "quest", "bell", "sant", "degl", "d", "c", "m", "t", "s", "v", "n",
        "j", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsElision(ReadOnlySpan<char> folded) => folded.Length <= 6 && Elisions.Contains(folded);

    /// <summary>Folds a lexicon or model word and splits it the way the tokenizer splits text ("l'acconto" is
    /// two words: "l'" and "acconto"). A trailing '*' (prefix entry) stays on the last part.</summary>
    public static IEnumerable<string> FoldWords(string word)
    {
        var star = word.EndsWith('*');
        var folded = Fold(star ? word[..^1] : word);
        var apostrophe = folded.IndexOf('\'', StringComparison.Ordinal);
        if (apostrophe > 0 && apostrophe < folded.Length - 1 && IsElision(folded.AsSpan(0, apostrophe)))
        {
            yield return folded[..(apostrophe + 1)];
            folded = folded[(apostrophe + 1)..];
        }

        yield return star ? folded + "*" : folded;
    }

    /// <summary>Folds one word the way tokens are folded.</summary>
    public static string Fold(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var ch in word)
        {
            var folded = FoldOf(ch);
            if (folded == Several)
            {
                builder.Append(SlowFold(ch));
            }
            else if (folded != Nothing)
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }

    private static bool IsInnerJoiner(string text, int i, int end) =>
        text[i] is '\'' or '’' or '-' && i + 1 < end && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]);

    private static char[] NewFoldTable()
    {
        var table = new char[0x10000];
        Array.Fill(table, Unknown);
        return table;
    }

    /// <summary>The folded unit of <paramref name="ch"/>, or <see cref="Nothing"/> or <see cref="Several"/>.
    /// Threads may compute the same entry at once; they write the same value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static char FoldOf(char ch)
    {
        var folded = FoldTable[ch];
        if (folded != Unknown)
        {
            return folded;
        }

        var slow = SlowFold(ch);
        folded = slow.Length switch
        {
            0 => Nothing,
            1 when slow[0] is not (Unknown or Several or Nothing) => slow[0],
            _ => Several,
        };
        FoldTable[ch] = folded;
        return folded;
    }

    private static string SlowFold(char ch)
    {
        if (ch is '’')
        {
            return "'";
        }

        if (ch < 128 || char.IsSurrogate(ch) || ch is Unknown or Several)
        {
            return char.ToLowerInvariant(ch).ToString();
        }

        var lower = char.ToLowerInvariant(ch);
        if (lower == 'ς')
        {
            return "σ";
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }

        return builder.ToString();
    }
}
