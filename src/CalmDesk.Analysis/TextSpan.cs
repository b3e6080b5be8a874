namespace CalmDesk.Analysis;

/// <summary>A range of characters in <see cref="AnalysisResult.Text"/>.</summary>
/// <param name="Offset">Index of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct TextSpan(int Offset, int Length)
{
    /// <summary>Index just past the last character.</summary>
    public int End => Offset + Length;
}
