namespace CalmDesk.Evaluation;

/// <summary>One labelled text: null for a label the dataset does not annotate.</summary>
internal sealed record Sample(string Dataset, string Language, string Text, bool? Angry, bool? Abusive);
