namespace CalmDesk.Analysis.Learning;

/// <summary>One spelling for a Greek word whether it is typed in Greek letters or in greeklish: "ακόμα", "akoma"
/// and "akwma" share the key "akoma"; "ευχαριστώ", "efxaristw" and "eyxaristo" share "efxaristo". The key is
/// rough on purpose (η, ι, υ, ει and οι are all "i"; χ and ξ are both "x"; ευ is "ef" before any letter): a model
/// feature, not a transliteration.</summary>
internal static class GreekKey
{
    public const int MaxLength = 32;

    /// <summary>Writes the key of a folded word (lower case, no accents) into <paramref name="key"/>; returns its
    /// length, 0 when the word has no letters to key.</summary>
    public static int Write(ReadOnlySpan<char> word, Span<char> key)
    {
        var length = 0;
        for (var i = 0; i < word.Length && length < key.Length - 2; i++)
        {
            var ch = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            string? pair = (ch, next) switch
            {
                ('ο', 'υ') or ('o', 'u') => "u",
                ('ε', 'ι') or ('ο', 'ι') or ('υ', 'ι') or ('e', 'i') or ('o', 'i') or ('y', 'i') => "i",
                ('α', 'ι') or ('a', 'i') => "e",
                ('ε', 'υ') or ('e', 'u') or ('e', 'v') or ('e', 'y') or ('e', 'f') => "ef",
                ('α', 'υ') or ('a', 'u') or ('a', 'v') or ('a', 'y') or ('a', 'f') => "af",
                ('μ', 'π') or ('m', 'p') => "b",
                ('ν', 'τ') or ('n', 't') => "d",
                ('γ', 'κ') or ('γ', 'γ') or ('g', 'k') or ('g', 'g') => "g",
                ('t', 'h') => "8",
                ('k', 's') or ('c', 'h') => "x",
                ('p', 'h') => "f",
                _ => null,
            };
            if (pair is not null)
            {
                foreach (var part in pair)
                {
                    Append(key, ref length, part);
                }

                i++;
                continue;
            }

            var mapped = ch switch
            {
                'α' or 'a' => 'a',
                'β' or 'v' or 'b' => 'v',
                'γ' or 'g' or 'j' => 'g',
                'δ' or 'd' => 'd',
                'ε' or 'e' => 'e',
                'ζ' or 'z' => 'z',
                'η' or 'ι' or 'υ' or 'i' or 'y' or 'h' or 'u' => 'i',
                'θ' or '8' or '0' => '8',
                'κ' or 'k' or 'c' or 'q' => 'k',
                'λ' or 'l' => 'l',
                'μ' or 'm' => 'm',
                'ν' or 'n' => 'n',
                'ξ' or 'χ' or 'x' or '3' => 'x',
                'ο' or 'ω' or 'o' or 'w' => 'o',
                'π' or 'p' => 'p',
                'ρ' or 'r' => 'r',
                'σ' or 's' => 's',
                'τ' or 't' => 't',
                'φ' or 'f' => 'f',
                'ψ' => 'ψ',
                _ => '\0',
            };
            if (mapped == 'ψ')
            {
                Append(key, ref length, 'p');
                Append(key, ref length, 's');
            }
            else if (mapped != '\0')
            {
                Append(key, ref length, mapped);
            }
        }

        return length;
    }

    // Doubled letters are spelled once ("kalla" and "kala" alike).
    private static void Append(Span<char> key, ref int length, char ch)
    {
        if (length == 0 || key[length - 1] != ch)
        {
            key[length++] = ch;
        }
    }
}
