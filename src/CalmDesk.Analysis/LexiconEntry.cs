using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis;

/// <summary>One line of a lexicon: what it counts towards, how much, and the folded words to match
/// (a word ending in '*' matches any word that starts with it).</summary>
internal sealed record LexiconEntry(string Language, string Label, double Weight, string[] Words, string Phrase)
{
    /// <summary>The labels a word can count towards once each; "anger" and "calm" share one group (tone).</summary>
    private static readonly string[] Groups =
    [
        "tone", "negator", "intensifier", "target", "self", "false_friend",
        .. Kinds.AbuseKinds.Select(k => "abuse:" + k.Name()),
        .. Kinds.Threats.Select(t => "threat:" + t.Name()),
        .. Kinds.Situations.Select(s => "situation:" + s.Name()),
    ];

    /// <summary>The entry's group as a bit, so "is this word already counted for this label" is one AND.</summary>
    public ulong GroupBit { get; } = 1UL << GroupOf(Label);

    /// <summary>The evidence rule, built once rather than for every match.</summary>
    public string Rule { get; } = $"lexicon:{Language}:{Phrase}";

    /// <summary>The evidence rule when a negator turned the entry.</summary>
    public string NegatedRule { get; } = $"lexicon:{Language}:{Phrase} (negated)";

    /// <summary>The evidence rule when abuse is aimed at the reader.</summary>
    public string AimedRule { get; } = $"lexicon:{Language}:{Phrase} (aimed at the reader)";

    /// <summary>The evidence rule when an insult word is about the writer's own side.</summary>
    public string SelfRule { get; } = $"lexicon:{Language}:{Phrase} (about the writer's side)";

    /// <summary>The evidence rule for a mild oath aimed at nothing.</summary>
    public string MildRule { get; } = $"lexicon:{Language}:{Phrase} (mild, aimed at nothing)";

    /// <summary>For abuse entries, the kind ("insult", "profanity", …); empty otherwise.</summary>
    public string AbuseKind { get; } = Label.StartsWith("abuse:", StringComparison.Ordinal) ? Label["abuse:".Length..] : "";

    /// <summary>For threats and situations, the kind as reported ("legal", "wrong_delivery"); empty otherwise.</summary>
    public string FindingKind { get; } = Label.StartsWith("threat:", StringComparison.Ordinal) || Label.StartsWith("situation:", StringComparison.Ordinal)
        ? Label[(Label.IndexOf(':', StringComparison.Ordinal) + 1)..]
        : "";

    public static bool IsKnownLabel(string label) => GroupIndex(label) >= 0;

    private static int GroupOf(string label) => GroupIndex(label) is var i and >= 0 ? i
        : throw new FormatException($"Unknown lexicon label '{label}'.");

    private static int GroupIndex(string label) => label is "anger" or "calm" ? 0 : Array.IndexOf(Groups, label);

    /// <summary>The line of the lexicon file the entry comes from: the last tie-breaker between entries.</summary>
    public int Line { get; init; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Matches(TokenList tokens, int start)
    {
        if (start + Words.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < Words.Length; i++)
        {
            var word = Words[i].AsSpan();
            var token = tokens.Folded(start + i);
            var matched = word[^1] == '*'
                ? token.StartsWith(word[..^1], StringComparison.Ordinal)
                : token.SequenceEqual(word);
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }
}
