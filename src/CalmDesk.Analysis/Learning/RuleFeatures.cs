namespace CalmDesk.Analysis.Learning;

/// <summary>What the hand-written rules found in a message, as model features: the lexicons' sums per label (with
/// negation and, for abuse, whom it is aimed at), and the surface cues (capitals, exclamation marks, emoji). The
/// rules no longer decide; the model learns how much each is worth, in each language.</summary>
internal sealed class RuleFeatures
{
    private static readonly string[] Threats = HeadNames.Threats;

    private static readonly string[] Situations = HeadNames.Situations;

    private static readonly string[] AbuseKinds = HeadNames.AbuseKinds;

    private static readonly string[] Aims = ["unaimed", "aimed", "self", "mild"];

    public const int Anger = 0, AngerNegated = 1, Calm = 2, CalmNegated = 3, TargetWords = 4, SelfWords = 5;
    public const int Shouted = 6, MostlyShouted = 7, ExclamationRuns = 8, LongExclamationRuns = 9, QuestionRuns = 10;
    public const int AngryEmoji = 11, AnnoyedEmoji = 12, HappyEmoji = 13, Words = 14;
    private const int FirstThreat = 15, FirstSituation = FirstThreat + 8, FirstAbuse = FirstSituation + 24;

    /// <summary>The name of every feature, in index order ("rule:threat:legal", "rule:abuse:insult:aimed", …).</summary>
    public static readonly string[] Names = BuildNames();

    /// <summary>The bucket of every feature, in index order.</summary>
    public static readonly int[] Buckets = [.. Names.Select(n => FeatureHash.Of(FeatureHash.Rule, n))];

    /// <summary>The bucket of each language's own intercept ("lang:it"), by index in <see cref="LanguageDetector.Supported"/>;
    /// the last is "und".</summary>
    public static readonly int[] LanguageBuckets = [.. LanguageDetector.Supported.Append("und").Select(l => FeatureHash.Of(FeatureHash.Rule, "lang:" + l))];

    private readonly double[] _sums = new double[Names.Length];

    public double this[int index] => _sums[index];

    public void Clear() => Array.Clear(_sums);

    public void Add(int index, double value) => _sums[index] += value;

    public static int Threat(string kind, bool negated) => FirstThreat + (2 * Array.IndexOf(Threats, kind)) + (negated ? 1 : 0);

    public static int Situation(string kind, bool negated) => FirstSituation + (2 * Array.IndexOf(Situations, kind)) + (negated ? 1 : 0);

    public static int Abuse(string kind, Aim aim, bool mild) => FirstAbuse + (4 * Array.IndexOf(AbuseKinds, kind)) + (mild ? 3 : (int)aim);

    /// <summary>Each non-zero sum, squashed (log(1 + x)) so that ten matches weigh more than one but not ten times more.</summary>
    public void Emit<TSink>(ref TSink sink) where TSink : struct, IFeatureSink, allows ref struct
    {
        for (var i = 0; i < _sums.Length; i++)
        {
            if (_sums[i] > 0)
            {
                sink.Add(Buckets[i], (float)Math.Log(1 + _sums[i]));
            }
        }
    }

    private static string[] BuildNames()
    {
        List<string> names =
        [
            "anger", "anger:negated", "calm", "calm:negated", "target", "self",
            "caps", "caps:most", "exclamations", "exclamations:long", "questions", "emoji:angry", "emoji:annoyed", "emoji:happy", "words",
        ];
        foreach (var threat in Threats)
        {
            names.AddRange(["threat:" + threat, "threat:" + threat + ":negated"]);
        }

        foreach (var situation in Situations)
        {
            names.AddRange(["situation:" + situation, "situation:" + situation + ":negated"]);
        }

        foreach (var kind in AbuseKinds)
        {
            names.AddRange(Aims.Select(aim => "abuse:" + kind + ":" + aim));
        }

        return [.. names];
    }
}
