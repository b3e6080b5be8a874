namespace CalmDesk.Analysis;

/// <summary>Everything CalmDesk understood about one message, with the evidence behind each verdict.</summary>
/// <param name="Text">The plain text that was analysed (HTML converted); every offset refers to it.</param>
/// <param name="Language">The detected (or given) language.</param>
/// <param name="Anger">How angry the message is.</param>
/// <param name="Abuse">Whether it is abusive, and whether at the rep or staff.</param>
/// <param name="Threats">Legal, churn, public or escalation threats.</param>
/// <param name="Situations">What the message is about (zero or more).</param>
/// <param name="Evidence">The spans of text and the rules behind the verdicts.</param>
/// <param name="SetAside">Quoted replies, signatures and text beyond the limit, which were not judged.</param>
/// <param name="Notes">Remarks on the input, such as "html_converted", "truncated" or "empty".</param>
public sealed record AnalysisResult(
    string Text,
    LanguageGuess Language,
    AngerVerdict Anger,
    AbuseVerdict Abuse,
    IReadOnlyList<Finding> Threats,
    IReadOnlyList<Finding> Situations,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<SetAsidePart> SetAside,
    IReadOnlyList<string> Notes);

/// <summary>An ISO 639-1 code ("und" when undetermined) and how sure the detector is, in [0,1].</summary>
/// <param name="Code">ISO 639-1 code, or "und".</param>
/// <param name="Confidence">In [0,1].</param>
public sealed record LanguageGuess(string Code, double Confidence);

/// <summary>Anger on a calibrated scale: a score of 0.5 or more means angry.</summary>
/// <param name="Score">The probability that the message is angry (level 2 or more in docs/analysis-labels.md), in [0,1].</param>
/// <param name="Level">The model's answer to three questions (annoyed at least, angry, furious), each at 0.5: angry exactly
/// when <paramref name="Score"/> is 0.5 or more, furious when the third question also holds.</param>
public sealed record AngerVerdict(double Score, AngerLevel Level)
{
    /// <summary>The band an anger score alone falls in (below 0.3 calm, then annoyed, angry from 0.5, furious from 0.8),
    /// for summaries over many messages such as a case's peak; a single message's <see cref="Level"/> comes from the model.</summary>
    /// <param name="score">An anger score in [0,1].</param>
    /// <returns>The level of that score.</returns>
    public static AngerLevel LevelOf(double score) => score switch
    {
        >= 0.8 => AngerLevel.Furious,
        >= 0.5 => AngerLevel.Angry,
        >= 0.3 => AngerLevel.Annoyed,
        _ => AngerLevel.Calm,
    };
}

/// <summary>Bands of anger.</summary>
public enum AngerLevel
{
    /// <summary>Below 0.3.</summary>
    Calm,

    /// <summary>From 0.3 to 0.5.</summary>
    Annoyed,

    /// <summary>From 0.5 to 0.8: angry.</summary>
    Angry,

    /// <summary>0.8 and above.</summary>
    Furious,
}

/// <summary>Abuse on a calibrated scale: a score of 0.5 or more means abusive.</summary>
/// <param name="Score">In [0,1]; 0.5 is the decision threshold.</param>
/// <param name="Kinds">insult, profanity, threat_of_violence, harassment, discriminatory.</param>
/// <param name="Targeted">True when the message is abusive (score 0.5 or more) and the abuse is aimed at the rep or staff, not at things or situations.</param>
public sealed record AbuseVerdict(double Score, IReadOnlyList<string> Kinds, bool Targeted);

/// <summary>A threat or a situation, with its score in [0,1].</summary>
/// <param name="Kind">For threats: legal, churn, public, escalation. For situations: wrong_delivery, billing_dispute, …</param>
/// <param name="Score">In [0,1], a calibrated probability; listed because it reached the head's threshold, which the
/// model's training chose for the best F1 (mostly 0.3 to 0.4), so a listed finding may score below 0.5.</param>
public sealed record Finding(string Kind, double Score);

/// <summary>Why a verdict was reached: a span of the text and the rule or lexicon entry that matched it.</summary>
/// <param name="Offset">Start in <see cref="AnalysisResult.Text"/>.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Label">What it counts towards: "anger", "abuse:insult", "threat:legal", "situation:wrong_delivery", …</param>
/// <param name="Rule">The rule or lexicon entry, e.g. "lexicon:it:vergogna", "caps", "exclamations", "negated".</param>
/// <param name="Weight">Its contribution; negative when it lowers the verdict (negation, praise).</param>
public sealed record Evidence(int Offset, int Length, string Label, string Rule, double Weight);
