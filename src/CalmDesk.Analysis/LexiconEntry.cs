namespace CalmDesk.Analysis;

/// <summary>One line of a lexicon: what it counts towards, how much, and the folded words to match
/// (a word ending in '*' matches any word that starts with it).</summary>
internal sealed record LexiconEntry(string Language, string Label, double Weight, string[] Words, string Phrase)
{
    public bool Matches(IReadOnlyList<Token> tokens, int start)
    {
        if (start + Words.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < Words.Length; i++)
        {
            var word = Words[i];
            var token = tokens[start + i].Folded;
            var matched = word[^1] == '*'
                ? token.Length >= word.Length - 1 && token.AsSpan().StartsWith(word.AsSpan(0, word.Length - 1), StringComparison.Ordinal)
                : string.Equals(token, word, StringComparison.Ordinal);
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }
}
