using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>FNV-1a over a text's UTF-16 code units: a stable, seedless hash for deterministic splits (the corpus's
/// training folds, the evaluation's dev parts of public data, an installation's held-out corrections).</summary>
internal static class TextHash
{
    public static uint Of(string text) => FeatureHash.Add(FeatureHash.Offset, text);
}
