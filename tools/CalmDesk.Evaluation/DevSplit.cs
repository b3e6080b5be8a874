namespace CalmDesk.Evaluation;

/// <summary>A deterministic split: a text is in the dev split when its FNV-1a hash is 0 modulo 5 (a fifth of
/// the data). Nothing in the dev split is ever used to choose lexicon entries or weights.</summary>
internal static class DevSplit
{
    public static bool IsDev(string text) => TextHash.Of(text) % 5 == 0;
}
