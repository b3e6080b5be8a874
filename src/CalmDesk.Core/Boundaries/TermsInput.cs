using CalmDesk.Localization;

namespace CalmDesk.Boundaries;

/// Terms as a manager (organisation) or a rep (a customer's contract) writes them; empty fields inherit.
internal sealed record TermsInput(
    int? DepositPercent = null, string? DepositMethods = null, string? OpenDays = null, TimeOnly? OpensAt = null, TimeOnly? ClosesAt = null,
    string? DeliveryDays = null, int? PaymentTermsDays = null, decimal? MaxDiscountPercent = null, int? ResponseHours = null, string? Clauses = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (DepositPercent is < 0 or > 100)
        {
            errors["depositPercent"] = [Messages.Get("The deposit must be between 0 and 100 percent.")];
        }

        if (MaxDiscountPercent is < 0 or > 100)
        {
            errors["maxDiscountPercent"] = [Messages.Get("The maximum discount must be between 0 and 100 percent.")];
        }

        if (PaymentTermsDays is < 0 or > 365)
        {
            errors["paymentTermsDays"] = [Messages.Get("Payment terms must be between 0 and 365 days.")];
        }

        if (ResponseHours is < 0 or > 24 * 30)
        {
            errors["responseHours"] = [Messages.Get("The response time must be between 0 and 720 hours.")];
        }

        foreach (var (field, value) in new[] { ("openDays", OpenDays), ("deliveryDays", DeliveryDays) })
        {
            if (EffectiveTerms.BadDay(value) is { } bad)
            {
                errors[field] = [Messages.Format("'{0}' is not a day; write the days separated by commas, e.g. {1}.", bad,
                    EffectiveTerms.ShortDayNames("mon,tue,wed", System.Globalization.CultureInfo.CurrentCulture))];
            }
        }

        if (OpensAt is { } opens && ClosesAt is { } closes && closes <= opens)
        {
            errors["closesAt"] = [Messages.Get("The closing time must be after the opening time.")];
        }

        if (DepositMethods is { Length: > 200 })
        {
            errors["depositMethods"] = [Messages.Get("The ways to pay a deposit must be at most 200 characters.")];
        }

        if (Clauses is { Length: > 8000 })
        {
            errors["clauses"] = [Messages.Get("The clauses must be at most 8000 characters.")];
        }

        return errors;
    }

    public void ApplyTo(Terms terms)
    {
        terms.DepositPercent = DepositPercent;
        terms.DepositMethods = Clean(DepositMethods);
        terms.OpenDays = EffectiveTerms.DayCodesOf(OpenDays);
        terms.OpensAt = OpensAt;
        terms.ClosesAt = ClosesAt;
        terms.DeliveryDays = EffectiveTerms.DayCodesOf(DeliveryDays);
        terms.PaymentTermsDays = PaymentTermsDays;
        terms.MaxDiscountPercent = MaxDiscountPercent;
        terms.ResponseHours = ResponseHours;
        terms.Clauses = Clean(Clauses);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
