using System.Globalization;

namespace CalmDesk.Analysis.Training;

/// <summary>Why a refitted model may not replace the active one: on the dev split, its mean F1 (<c>dev_mean</c>) or one
/// question's F1 (<c>dev_question</c>); or its share of right answers on held-out corrections (<c>held_out</c>).</summary>
internal sealed record Objection(string Kind, string? Question, double Candidate, double Active)
{
    public override string ToString() => Kind switch
    {
        "dev_mean" => string.Create(CultureInfo.InvariantCulture, $"dev split: mean F1 {Candidate:0.000} against {Active:0.000}"),
        "dev_question" => string.Create(CultureInfo.InvariantCulture, $"dev split, {Question}: F1 {Candidate:0.000} against {Active:0.000}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"held-out corrections: {Candidate:0.000} of answers right against {Active:0.000}"),
    };
}

/// <summary>Whether a refitted model may replace the active one: not worse on the shipped dev split (the mean F1 over its
/// heads within <see cref="DevTolerance"/>, no well-populated head down by more than <see cref="HeadTolerance"/>) and
/// not worse on the installation's held-out corrections. The tolerances absorb the noise of refitting, not a real loss:
/// the shipped model refitted without its public data moves the dev mean by less than a thousandth.</summary>
internal sealed record ModelComparison(ModelScore ActiveDev, ModelScore CandidateDev, ModelScore ActiveHeldOut, ModelScore CandidateHeldOut)
{
    public const double DevTolerance = 0.01;

    public const double HeadTolerance = 0.05;

    // A head needs this many dev positives before its own drop can veto a model.
    private const int GuardedPositives = 30;

    /// <summary>The reasons the candidate is worse; empty when it may be activated.</summary>
    public IReadOnlyList<Objection> Objections()
    {
        var objections = new List<Objection>();
        if (CandidateDev.MacroF1 < ActiveDev.MacroF1 - DevTolerance)
        {
            objections.Add(new("dev_mean", null, CandidateDev.MacroF1, ActiveDev.MacroF1));
        }

        foreach (var (active, candidate) in ActiveDev.Heads.Zip(CandidateDev.Heads))
        {
            if (active.Positives >= GuardedPositives && candidate.F1 < active.F1 - HeadTolerance)
            {
                objections.Add(new("dev_question", active.Name, candidate.F1, active.F1));
            }
        }

        if (CandidateHeldOut.Labelled > 0 && CandidateHeldOut.Agreement < ActiveHeldOut.Agreement)
        {
            objections.Add(new("held_out", null, CandidateHeldOut.Agreement, ActiveHeldOut.Agreement));
        }

        return objections;
    }
}
