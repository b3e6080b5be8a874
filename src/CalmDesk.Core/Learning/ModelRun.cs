using System.Text.Json;
using CalmDesk.Analysis.Training;

namespace CalmDesk.Learning;

/// Why a run was rejected or failed: an objection of the comparison (dev_mean, dev_question, held_out; the question and
/// both scores), "interrupted", or "error" with the error's message. Stored as data, shown in the reader's language.
internal sealed record RunReason(string Kind, string? Question = null, double? Candidate = null, double? Active = null, string? Detail = null)
{
    public static RunReason Interrupted { get; } = new("interrupted");

    public static RunReason From(Objection objection) => new(objection.Kind, objection.Question, objection.Candidate, objection.Active);

    public override string ToString() => Kind switch
    {
        "interrupted" => "Interrupted: the program stopped during the refit.",
        "error" => "Failed: " + Detail,
        "active_changed" => "The active model changed while the refit ran.",
        _ => new Objection(Kind, Question, Candidate ?? 0, Active ?? 0).ToString(),
    };
}

internal enum ModelRunStatus
{
    Running,

    /// Not worse than the model it was compared with: now the installation's model (or was, until a later one).
    Activated,

    /// Worse on the dev split or on held-out corrections: kept for the record, never used.
    Rejected,

    /// Training stopped with an error, or the process stopped under it.
    Failed,
}

/// One refit of the analysis model on the shipped corpus plus the installation's corrections: who asked, what it was
/// compared with, the scores on both sides, the outcome, and the model file itself. At most one run is active; none
/// active means the model shipped with the program.
internal sealed class ModelRun
{
    public int Id { get; set; }

    public ModelRunStatus Status { get; set; }

    public bool IsActive { get; set; }

    public string? RequestedByUserId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// Written as each question is fitted: a run silent for <see cref="ModelRetraining.Abandoned"/> was cut short.
    public DateTimeOffset HeartbeatAt { get; set; }

    /// The candidate's version (a hash of its content), as analyses record it.
    public string? Version { get; set; }

    /// The version of the model it was compared with: the one active when it ran.
    public string? ComparedWith { get; set; }

    /// The gzip-compressed model file; null until trained, and for failed runs.
    public byte[]? File { get; set; }

    public int CorrectionsTrained { get; set; }

    public int CorrectionsHeldOut { get; set; }

    public double? ActiveDevF1 { get; set; }

    public double? CandidateDevF1 { get; set; }

    public double? ActiveHeldOut { get; set; }

    public double? CandidateHeldOut { get; set; }

    /// Why it was rejected or failed (JSON, see <see cref="Reasons"/>); empty when activated.
    public string Outcome { get; set; } = "[]";

    public IReadOnlyList<RunReason> Reasons
    {
        get => ReadReasons(Outcome);
        set => Outcome = JsonSerializer.Serialize(value, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// The reasons stored in an <see cref="Outcome"/> column, for a query that selected the column alone.
    public static IReadOnlyList<RunReason> ReadReasons(string outcome) => JsonSerializer.Deserialize<List<RunReason>>(outcome, Json) ?? [];

    /// The stored form of a run cut short, for a bulk update.
    public static readonly string InterruptedOutcome = JsonSerializer.Serialize(new[] { RunReason.Interrupted }, Json);
}
