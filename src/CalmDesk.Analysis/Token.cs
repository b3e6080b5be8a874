namespace CalmDesk.Analysis;

/// <summary>A word of the judged text: where it is, its folded form (lower case, no accents, σ for ς),
/// and its shape (all capitals, has digits).</summary>
internal readonly record struct Token(int Offset, int Length, string Folded, bool AllCaps, bool HasDigit);
