namespace CalmDesk.Analysis;

/// <summary>Why part of a message was not judged.</summary>
public enum SetAsideKind
{
    /// <summary>An earlier message quoted in a reply ("On … wrote:", lines starting with "&gt;").</summary>
    QuotedReply,

    /// <summary>The sender's signature or sign-off block.</summary>
    Signature,

    /// <summary>Text beyond the length analysed (see <see cref="AnalysisOptions.MaxLength"/>).</summary>
    BeyondLimit,
}

/// <summary>A part of the text that was set aside, so only what the customer just wrote is judged.</summary>
/// <param name="Kind">Why it was set aside.</param>
/// <param name="Span">Where it is in <see cref="AnalysisResult.Text"/>.</param>
public sealed record SetAsidePart(SetAsideKind Kind, TextSpan Span);
