using System.Globalization;
using System.Text;

namespace CalmDesk.Analysis;

/// <summary>Splits text into words (letters, digits, apostrophes and hyphens inside words) with their offsets.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text, MessageParts parts)
    {
        var tokens = new List<Token>(Math.Min(4096, text.Length / 4));
        var i = 0;
        var end = parts.JudgedEnd;
        var builder = new StringBuilder(32);
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]) || !parts.IsJudged(i))
            {
                i++;
                continue;
            }

            var start = i;
            var upper = 0;
            var letters = 0;
            var digit = false;
            builder.Clear();
            while (i < end && (char.IsLetterOrDigit(text[i]) || IsInnerJoiner(text, i, end) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                var ch = text[i];
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

                AppendFolded(builder, ch);
                i++;
            }

            tokens.Add(new Token(start, i - start, builder.ToString(), letters >= 2 && upper == letters, digit));
        }

        return tokens;
    }

    /// <summary>Folds one word the way lexicon entries are folded.</summary>
    public static string Fold(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var ch in word)
        {
            AppendFolded(builder, ch);
        }

        return builder.ToString();
    }

    private static bool IsInnerJoiner(string text, int i, int end) =>
        text[i] is '\'' or '’' or '-' && i + 1 < end && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]);

    /// <summary>Folded form of every character below U+2000 (Latin, Greek, Cyrillic…), computed once:
    /// '\0' marks a character that folds to nothing (a combining mark) or needs the slow path.</summary>
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[0x2000];
        for (var c = 0; c < table.Length; c++)
        {
            var builder = new StringBuilder(2);
            SlowFold(builder, (char)c);
            table[c] = builder.Length == 1 ? builder[0] : '\0';
        }

        return table;
    }

    private static void AppendFolded(StringBuilder builder, char ch)
    {
        if (ch < FoldTable.Length && FoldTable[ch] != '\0')
        {
            builder.Append(FoldTable[ch]);
            return;
        }

        SlowFold(builder, ch);
    }

    private static void SlowFold(StringBuilder builder, char ch)
    {
        if (ch is '’')
        {
            builder.Append('\'');
            return;
        }

        if (ch < 128 || char.IsSurrogate(ch))
        {
            builder.Append(char.ToLowerInvariant(ch));
            return;
        }

        var lower = char.ToLowerInvariant(ch);
        if (lower == 'ς')
        {
            builder.Append('σ');
            return;
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }
    }
}
