using CalmDesk.Analysis;
using CalmDesk.Localization;

namespace CalmDesk.Cases;

/// Changes to a case; a null field is left as it is.
internal sealed record CaseChange(
    string? Title = null,
    string? Status = null,
    IReadOnlyList<string>? Situations = null,
    string? RootCause = null,
    string? FactWhat = null,
    string? FactWhen = null,
    string? FactOrder = null,
    string? Resolution = null,
    DateOnly? FollowUpOn = null,
    string? FactImpact = null)
{
    /// Situation kinds a case can carry: the problems the analysis detects.
    public static readonly IReadOnlyList<string> KnownSituations = [.. Kinds.Situations.Where(s => s != Situation.Praise).Select(s => s.Name())];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Title is not null && (Imports.TextEncodings.Clean(Title).Trim().Length == 0 || Title.Trim().Length > Case.MaxTitleLength))
        {
            errors["title"] = [Messages.Format("The title is required and must be at most {0} characters.", Case.MaxTitleLength)];
        }

        if (Status is not null && !Enum.TryParse<CaseStatus>(Status, ignoreCase: true, out _))
        {
            errors["status"] = [Messages.Format("The status must be one of {0}.", string.Join(", ", Enum.GetNames<CaseStatus>()))];
        }

        if (RootCause is not null && !Enum.TryParse<RootCause>(RootCause, ignoreCase: true, out _))
        {
            errors["rootCause"] = [Messages.Format("The root cause must be one of {0}.", string.Join(", ", Enum.GetNames<RootCause>()))];
        }

        if (Situations?.FirstOrDefault(s => !KnownSituations.Contains(s.Trim())) is { } unknown)
        {
            errors["situations"] = [Messages.Format("Unknown situation '{0}'; use one of {1}.", unknown, string.Join(", ", KnownSituations))];
        }

        foreach (var (field, value, max) in new[] { ("factWhat", FactWhat, Case.MaxFactLength), ("factWhen", FactWhen, 200), ("factOrder", FactOrder, 200), ("resolution", Resolution, Case.MaxFactLength), ("factImpact", FactImpact, Case.MaxFactLength) })
        {
            if (value is { } text && text.Length > max)
            {
                errors[field] = [Messages.Format("At most {0} characters.", max)];
            }
        }

        Data.BusinessDates.Check(errors, "followUpOn", FollowUpOn);
        return errors;
    }

    public void ApplyTo(Case target)
    {
        if (Title is not null)
        {
            target.Title = Imports.TextEncodings.Clean(Title).Trim();
        }

        if (Status is not null)
        {
            target.Status = Enum.Parse<CaseStatus>(Status, ignoreCase: true);
        }

        if (Situations is not null)
        {
            target.Situations = Case.Join(Situations);
        }

        if (RootCause is not null)
        {
            target.RootCause = Enum.Parse<RootCause>(RootCause, ignoreCase: true);
        }

        target.FactWhat = FactWhat is null ? target.FactWhat : Clean(FactWhat);
        target.FactWhen = FactWhen is null ? target.FactWhen : Clean(FactWhen);
        target.FactOrder = FactOrder is null ? target.FactOrder : Clean(FactOrder);
        target.FactImpact = FactImpact is null ? target.FactImpact : Clean(FactImpact);
        target.Resolution = Resolution is null ? target.Resolution : Clean(Resolution);
        target.FollowUpOn = FollowUpOn ?? target.FollowUpOn;
    }

    private static string? Clean(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
