using System.Text.Json;
using CalmDesk.Customers;
using CalmDesk.Interactions;

namespace CalmDesk.Learning;

/// What told CalmDesk that its reading of a message was wrong.
internal enum CorrectionSource
{
    /// A rep or manager set the anger level of a message by hand.
    AngerLevel,

    /// A detected abuse incident was marked as wrongly detected: the words were not aimed at our people.
    WronglyDetected,

    /// The situations of a case were changed: those added were in its first message, those removed were in none.
    CaseRelabel,

    /// An incident recorded by hand: the words the rep quoted were abuse aimed at them.
    ManualIncident,
}

/// A labelled example from a rep's or manager's correction: the customer's text as it was then, and the answers the
/// person gave, one per model question ("anger", "abuse:staff", "situation:refund", …); the questions the correction
/// says nothing about stay unanswered. `calmdesk analyze --retrain` refits the model on the shipped corpus and these.
internal sealed class AnalysisCorrection
{
    public const int MaxTextLength = 20_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; set; }

    /// Whose words: deleting the customer deletes their examples.
    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public long? InteractionId { get; set; }

    public Interaction? Interaction { get; set; }

    public CorrectionSource Source { get; set; }

    public string Text { get; set; } = "";

    /// JSON object of question → answer, e.g. {"anger:1":true,"anger":true,"anger:3":false}.
    public string Labels { get; set; } = "{}";

    /// Held out of every refit, to compare models on: a fifth of the corrected messages, chosen by their text, so every
    /// correction of one message falls on the same side.
    public bool HeldOut { get; set; }

    public string? ByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyDictionary<string, bool> LabelMap
    {
        get => ReadLabels(Labels);
        set => Labels = JsonSerializer.Serialize(value, Json);
    }

    /// The answers stored in a <see cref="Labels"/> column, for a query that selected the column alone.
    public static IReadOnlyDictionary<string, bool> ReadLabels(string labels) => JsonSerializer.Deserialize<Dictionary<string, bool>>(labels, Json) ?? [];
}
