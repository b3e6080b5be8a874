using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>One labelled text. <see cref="Labels"/> holds one answer per head (<see cref="HeadNames.All"/>), null for
/// a head the source does not annotate (subtitles say nothing about legal threats). <see cref="Weight"/> is the text's
/// weight in training; <see cref="Source"/> names public data used as auxiliary training data (null for the corpus).</summary>
internal sealed record Sample(string Dataset, string Language, string Text, bool?[] Labels)
{
    public static readonly int AngryHead = Array.IndexOf(HeadNames.All, HeadNames.Angry);
    public static readonly int AbuseHead = Array.IndexOf(HeadNames.All, HeadNames.Abuse);

    public string Channel { get; init; } = "";

    public string Script { get; init; } = "";

    public float Weight { get; init; } = 1;

    public string? Source { get; init; }

    public string? Id { get; init; }

    public bool? Angry => Labels[AngryHead];

    public bool? Abusive => Labels[AbuseHead];

    /// <summary>Labels for public data that annotates only anger, only abuse, or both.</summary>
    public static bool?[] Partial(bool? annoyed = null, bool? angry = null, bool? abusive = null)
    {
        var labels = new bool?[HeadNames.All.Length];
        labels[Array.IndexOf(HeadNames.All, HeadNames.Annoyed)] = annoyed;
        labels[AngryHead] = angry;
        labels[AbuseHead] = abusive;
        return labels;
    }
}
