namespace CalmDesk.Commitments;

/// Where a promise came from, so the history reads naturally ("promised during the call", "pause").
internal enum CommitmentSource
{
    Manual,
    Guide,
    Pause,
    Resolution,
    FollowUp,

    /// Following up a price-change announcement, or calling back after an angry reply to it.
    Campaign,
}
