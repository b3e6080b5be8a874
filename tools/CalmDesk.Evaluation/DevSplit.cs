namespace CalmDesk.Evaluation;

/// <summary>A deterministic split: a text is in the dev split when its FNV-1a hash is 0 modulo 5 (a fifth of
/// the data). Nothing in the dev split is ever used to choose lexicon entries or weights.</summary>
internal static class DevSplit
{
    public static bool IsDev(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash % 5 == 0;
    }
}
