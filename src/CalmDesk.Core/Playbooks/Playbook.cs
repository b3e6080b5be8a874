namespace CalmDesk.Playbooks;

/// How to handle one situation, in one language: goals, steps, what to avoid, phrases, and the paragraph a reply draft uses.
internal sealed record Playbook(
    string Id,
    string Language,
    string Title,
    IReadOnlyList<string> Triggers,
    int Priority,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Avoid,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> Reply,
    string File);

/// One tactic of the live guide: what to do (for the rep) and phrases to say (for the customer).
internal sealed record GuideStep(string Id, string Title, string Do, IReadOnlyList<string> Phrases);

internal sealed record Guide(string Language, string Title, IReadOnlyDictionary<string, GuideStep> Steps, string File);

/// The building blocks of reply drafts in one language, and the phrases a draft must never contain.
internal sealed record ReplyTexts(string Language, IReadOnlyDictionary<string, IReadOnlyList<string>> Sections, IReadOnlyList<string> Banned, string File)
{
    public static readonly IReadOnlyList<string> Required =
    [
        "subject", "greeting", "acknowledge-calm", "acknowledge-annoyed", "acknowledge-angry", "acknowledge-furious",
        "apology", "facts-order", "facts-what", "promise", "closing", "delay",
    ];

    /// Sections a language may add: greetings for a contact whose gender is known ({surname}, {surname_vocative}).
    public static readonly IReadOnlyList<string> Optional = ["greeting-female", "greeting-male", "facts-impact", "delay-subject"];

    /// The sections of `letters.md`: collection steps, boundary answers, price announcements, a new rep's introduction.
    public static readonly IReadOnlyList<string> LetterSections =
    [
        "collection-subject", "collection-friendly", "collection-notice", "collection-copy", "collection-call",
        "early-discount", "payment-plan", "resolve-first",
        "boundary-subject", "boundary-intro", "boundary-delivery-day", "boundary-opening-day", "boundary-opening-hours", "boundary-deposit",
        "boundary-discount", "boundary-payment-terms", "boundary-response-time", "boundary-clause",
        "announcement-subject", "announcement", "change-all", "change-scope", "announcement-held", "announcement-volume", "announcement-offer",
        "announcement-competition", "announcement-competition-rise",
        "reason-supplier", "reason-market", "reason-shipping", "reason-energy", "reason-labour",
        "talk-volume", "talk-no-volume", "talk-offer", "talk-before", "talk-competition", "talk-reasons",
        "new-rep-subject", "new-rep", "new-rep-first", "new-rep-experience", "new-rep-credentials", "new-rep-close",
        "letgo-subject", "letgo-abuse", "letgo-ethics", "letgo-discreet", "letgo-until", "letgo-referral", "letgo-data", "letgo-close",
    ];

    /// The variant of a section for a given case.
    public string Pick(string section, int seed) => Variant(Sections[section], seed);

    /// One of several wordings, stable for a seed (the case), so a draft does not change on every visit.
    public static string Variant(IReadOnlyList<string> items, int seed) => items[(int)((uint)seed % (uint)items.Count)];
}
