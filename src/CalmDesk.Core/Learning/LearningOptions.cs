namespace CalmDesk.Learning;

/// How `calmdesk analyze --retrain` and the Model page refit the model (section "Learning").
internal sealed class LearningOptions
{
    /// Fit on about this many of the corpus's train messages instead of all of them: a quick trial (and the tests),
    /// whose model will rarely beat the shipped one. Null: all.
    public int? CorpusLimit { get; set; }

    /// Calibrate each language's probabilities out of fold (five more fits per question). Off only for a quick trial.
    public bool Calibrate { get; set; } = true;
}
