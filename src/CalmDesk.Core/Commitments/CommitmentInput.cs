using CalmDesk.Localization;

namespace CalmDesk.Commitments;

/// A promise as a person or the API states it. Without an owner, the viewer's own rep profile owns it.
internal sealed record CommitmentInput(int? CustomerId, int? CaseId, string? What, DateTimeOffset? DueAt, int? OwnerRepId = null)
{
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (CustomerId is null && CaseId is null)
        {
            errors["customerId"] = [Messages.Get("Say which customer (or case) the promise is made to.")];
        }

        if (string.IsNullOrWhiteSpace(What))
        {
            errors["what"] = [Messages.Get("Say what was promised.")];
        }
        else if (What.Trim().Length > Commitment.MaxWhatLength)
        {
            errors["what"] = [Messages.Format("The promise must be at most {0} characters.", Commitment.MaxWhatLength)];
        }

        if (DueAt is null)
        {
            errors["dueAt"] = [Messages.Get("A promise needs a due time.")];
        }
        else if (DueAt <= now)
        {
            errors["dueAt"] = [Messages.Get("The due time must be in the future.")];
        }

        Data.BusinessDates.Check(errors, "dueAt", DueAt);
        return errors;
    }
}
