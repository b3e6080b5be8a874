namespace CalmDesk.Analysis;

/// <summary>One line of a lexicon: what it counts towards, how much, and the folded words to match
/// (a word ending in '*' matches any word that starts with it).</summary>
internal sealed record LexiconEntry(string Language, string Label, double Weight, string[] Words, string Phrase)
{
    /// <summary>The labels a word can count towards once each; "anger" and "calm" share one group (tone).</summary>
    private static readonly string[] Groups =
    [
        "tone", "negator", "intensifier", "target", "self",
        "abuse:insult", "abuse:profanity", "abuse:threat_of_violence", "abuse:harassment", "abuse:discriminatory",
        "threat:legal", "threat:churn", "threat:public", "threat:escalation",
        "situation:wrong_delivery", "situation:billing_dispute", "situation:price_objection", "situation:change_resistance",
        "situation:credibility_challenge", "situation:payment_delay", "situation:unrealistic_demand", "situation:unethical_request",
        "situation:boundary_request", "situation:refund_demand", "situation:late_response_complaint", "situation:praise",
    ];

    /// <summary>The entry's group as a bit, so "is this word already counted for this label" is one AND.</summary>
    public ulong GroupBit { get; } = 1UL << GroupOf(Label);

    /// <summary>The evidence rule, built once rather than for every match.</summary>
    public string Rule { get; } = $"lexicon:{Language}:{Phrase}";

    /// <summary>The evidence rule when a negator turned the entry.</summary>
    public string NegatedRule { get; } = $"lexicon:{Language}:{Phrase} (negated)";

    /// <summary>The evidence rule when abuse is aimed at the reader.</summary>
    public string AimedRule { get; } = $"lexicon:{Language}:{Phrase} (aimed at the reader)";

    /// <summary>For abuse entries, the kind ("insult", "profanity", …); empty otherwise.</summary>
    public string AbuseKind { get; } = Label.StartsWith("abuse:", StringComparison.Ordinal) ? Label["abuse:".Length..] : "";

    public static bool IsKnownLabel(string label) => GroupIndex(label) >= 0;

    private static int GroupOf(string label) => GroupIndex(label) is var i and >= 0 ? i
        : throw new FormatException($"Unknown lexicon label '{label}'.");

    private static int GroupIndex(string label) => label is "anger" or "calm" ? 0 : Array.IndexOf(Groups, label);

    public bool Matches(List<Token> tokens, int start)
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
