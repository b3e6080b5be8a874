using System.Globalization;
using System.Text;

namespace CalmDesk.Customers;

/// Folds text for search: lower case, no accents, Greek final sigma as sigma, single spaces.
internal static class SearchText
{
    /// How much of one text its search key covers; a message longer than this is found by its beginning only.
    public const int MaxKeyLength = 20_000;

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            var lower = char.ToLowerInvariant(ch);
            builder.Append(lower == 'ς' ? 'σ' : lower);
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The key stored texts are searched by, and queries are turned into: <see cref="Fold"/>ed, with Greek
    /// letters spelled in Latin ones the way Greeks write greeklish (θ "th", ξ and χ "x", ψ "ps", η, ι and υ "i", ω "o",
    /// υ after α or ε "v", after ο "u"), and the Latin letters greeklish uses interchangeably made one (y is i, w is o, c
    /// is k, ch is x). So "Μαρκάκης", "markakis" and "MARKAKIS" share a key, as do "Χρήστος", "Christos" and "xristos",
    /// and "perché" and "perche". Each letter maps on its own, looking back, never ahead, so a query typed halfway still
    /// matches; the one exception is a query that ends in a "c" the text follows with "h".</summary>
    public static string Key(string? text) => Keyed(text, origins: null);

    /// <summary>The key of <paramref name="text"/> and, for each of its characters, where in the text it came from, so
    /// a match in the key can be shown in the original.</summary>
    public static (string Key, int[] Origins) KeyWithOrigins(string text)
    {
        var origins = new List<int>(text.Length);
        var key = Keyed(text, origins);
        return (key, [.. origins]);
    }

    private static string Keyed(string? text, List<int>? origins)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxKeyLength) + 16);
        var lastWasSpace = true;
        var previous = '\0';
        for (var i = 0; i < text.Length && builder.Length < MaxKeyLength; i++)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    Append(builder, origins, " ", i);
                }

                lastWasSpace = true;
                previous = ' ';
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // One character at a time: its base letter without the accents, in lower case.
            var bare = BaseLetter(ch);
            var lower = char.ToLowerInvariant(bare);
            var spelled = lower switch
            {
                'α' => "a",
                'β' => "v",
                'γ' => "g",
                'δ' => "d",
                'ε' => "e",
                'ζ' => "z",
                'η' or 'ι' => "i",
                'θ' => "th",
                'κ' => "k",
                'λ' => "l",
                'μ' => "m",
                'ν' => "n",
                'ξ' => "x",
                'ο' or 'ω' => "o",
                'π' => "p",
                'ρ' => "r",
                'σ' or 'ς' => "s",
                'τ' => "t",
                // ϋ (with a diaeresis) is always its own vowel: "προϋπόθεση" is pro-i-, never "prou".
                'υ' => ch is 'ϋ' or 'Ϋ' or 'ΰ' ? "i" : previous switch { 'α' or 'ε' => "v", 'ο' => "u", _ => "i" },
                'φ' => "f",
                'χ' => "x",
                'ψ' => "ps",
                'y' => "i",
                'w' => "o",
                'c' => "k",
                _ => null,
            };
            if (lower == 'h' && previous == 'c' && builder.Length > 0)
            {
                // "ch" is how χ is usually spelled in Latin letters: the "k" its c made becomes the "x" χ makes.
                builder[^1] = 'x';
                previous = lower;
                continue;
            }

            if (spelled is null)
            {
                builder.Append(lower);
                origins?.Add(i);
            }
            else
            {
                Append(builder, origins, spelled, i);
            }

            lastWasSpace = false;
            previous = lower;
        }

        var length = builder.Length;
        while (length > 0 && builder[length - 1] == ' ')
        {
            length--;
        }

        origins?.RemoveRange(length, origins.Count - length);
        return builder.ToString(0, length);
    }

    /// The base letter of every character up to the end of Greek Extended, worked out once: keys are made for every
    /// message stored, so this must not allocate per character.
    private static readonly char[] BaseLetters = BuildBaseLetters();

    private static char BaseLetter(char ch) => ch < BaseLetters.Length ? BaseLetters[ch] : ch;

    private static char[] BuildBaseLetters()
    {
        var letters = new char[0x2000];
        for (var i = 0; i < letters.Length; i++)
        {
            var ch = (char)i;
            var decomposed = char.IsSurrogate(ch) ? "" : ch.ToString().Normalize(NormalizationForm.FormD);
            letters[i] = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : ch;
        }

        return letters;
    }

    private static void Append(StringBuilder builder, List<int>? origins, string part, int origin)
    {
        builder.Append(part);
        for (var k = 0; k < part.Length; k++)
        {
            origins?.Add(origin);
        }
    }
}
