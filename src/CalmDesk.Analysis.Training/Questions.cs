using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis.Training;

/// <summary>The model's questions by name, for labelled examples kept outside the corpus (an installation's corrections):
/// each example answers some of them, and <see cref="ToSample"/> turns the answers into a training sample.</summary>
internal static class Questions
{
    public const string Annoyed = HeadNames.Annoyed;
    public const string Angry = HeadNames.Angry;
    public const string Furious = HeadNames.Furious;
    public const string Abuse = HeadNames.Abuse;
    public const string AbuseAtStaff = HeadNames.AbuseAtStaff;

    public static string Of(AbuseKind kind) => "kind:" + kind.Name();

    public static string Of(Situation situation) => "situation:" + situation.Name();

    /// <summary>Where a question's answer sits in <see cref="Sample.Labels"/>, or -1.</summary>
    public static int IndexOf(string question) => Array.IndexOf(HeadNames.All, question);

    /// <summary>The questions some of the samples answer.</summary>
    public static IReadOnlyList<string> AnsweredBy(IReadOnlyList<Sample> samples) =>
        [.. HeadNames.All.Where((_, h) => samples.Any(s => s.Labels[h] is not null))];

    /// <summary>A sample answering only the named questions; unknown names (from an older version) are ignored.</summary>
    public static Sample ToSample(string id, string text, IReadOnlyDictionary<string, bool> answers)
    {
        var labels = new bool?[HeadNames.All.Length];
        foreach (var (question, answer) in answers)
        {
            if (Array.IndexOf(HeadNames.All, question) is var head and >= 0)
            {
                labels[head] = answer;
            }
        }

        return new Sample("corrections", "und", text, labels) { Id = id };
    }
}
