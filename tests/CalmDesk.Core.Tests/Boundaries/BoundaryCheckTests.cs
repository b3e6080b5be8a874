using System.Globalization;

namespace CalmDesk.Boundaries;

public sealed class BoundaryCheckTests
{
    private static readonly EffectiveTerms Terms = EffectiveTerms.Merge(new Terms
    {
        DepositPercent = 30, OpenDays = "mon,tue,wed,thu,fri,sat", DeliveryDays = "mon,tue,wed,thu,fri", PaymentTermsDays = 30, MaxDiscountPercent = 10,
    }, null);

    [Theory]
    [InlineData("en", "Can you deliver on Sunday morning?", "delivery-day", "Sunday")]
    [InlineData("it", "Potete fare la consegna domenica verso le 9?", "delivery-day", "domenica")]
    [InlineData("el", "Χρειαζόμαστε όλη την παραγγελία την Κυριακή στις 7.", "delivery-day", "Κυριακή")]
    [InlineData("en", "Could we start without the deposit?", "deposit", "deposit")]
    [InlineData("it", "Possiamo iniziare senza acconto?", "deposit", "acconto")]
    [InlineData("el", "Θα θέλαμε να ξεκινήσετε χωρίς προκαταβολή.", "deposit", "προκαταβολή")]
    [InlineData("en", "We'd like a 20% discount on this order.", "discount", "20%")]
    [InlineData("it", "Ci fate uno sconto del 15 %?", "discount", "15 %")]
    [InlineData("el", "Θέλουμε έκπτωση 25% για την παραγγελία.", "discount", "25%")]
    [InlineData("en", "We'd prefer to pay at 60 days.", "payment-terms", "60 days")]
    [InlineData("it", "Vorremmo pagare a 90 giorni.", "payment-terms", "90 giorni")]
    [InlineData("el", "Μπορούμε να πληρώσουμε σε 60 ημέρες;", "payment-terms", "60 ημέρες")]
    public void Check_AnAskTheTermsExclude_IsFlaggedWithItsWords(string language, string text, string rule, string quote)
    {
        var breach = Assert.Single(BoundaryCheck.Check(text, Terms, CultureInfo.GetCultureInfo(language), "and"));

        Assert.Equal((rule, quote), (breach.Rule, breach.Quote));
        Assert.Equal(quote, text.Substring(breach.Offset, breach.Length));
    }

    [Theory]
    [InlineData("Can you deliver on Thursday?")]
    [InlineData("Are you open on Saturday?")]
    [InlineData("We'd like a 5% discount.")]
    [InlineData("We will pay within 30 days as agreed.")]
    [InlineData("Here is the deposit, as agreed.")]
    [InlineData("Sunday was a lovely day for our party, thank you.")]
    public void Check_WhatTheTermsAllow_IsNotFlagged(string text) =>
        Assert.Empty(BoundaryCheck.Check(text, Terms, CultureInfo.InvariantCulture, "and"));

    private static readonly EffectiveTerms Hours = EffectiveTerms.Merge(new Terms { OpensAt = new(8, 0), ClosesAt = new(18, 0) }, null);

    [Theory]
    [InlineData("en", "Can you deliver at 7pm tonight?", "7pm", "19:00")]
    [InlineData("en", "Could I come by at 6:30 am to collect it?", "6:30 am", "06:30")]
    [InlineData("it", "Potete fare la consegna alle 20?", "alle 20", "20:00")]
    [InlineData("it", "Passo a ritirare verso le 7 di sera.", "verso le 7 di sera", "19:00")]
    [InlineData("el", "Μπορείτε να φέρετε την παραγγελία στις 9 το βράδυ;", "στις 9 το βράδυ", "21:00")]
    [InlineData("en", "Please deliver at 21:15.", "21:15", "21:15")]
    public void Check_ATimeOutsideTheOpeningHours_IsFlagged(string language, string text, string quote, string asked)
    {
        var breach = Assert.Single(BoundaryCheck.Check(text, Hours, CultureInfo.InvariantCulture, "and"));

        Assert.Equal(("opening-hours", quote), (breach.Rule, breach.Quote));
        Assert.Equal(asked, breach.Asked);
        Assert.Equal("08:00–18:00", breach.Allowed);
        Assert.False(string.IsNullOrEmpty(language));
    }

    [Theory]
    [InlineData("Can you deliver at 10am?")]
    [InlineData("Potete fare la consegna alle 15?")]
    [InlineData("We had a long chat at 9pm about the invoice.")]
    [InlineData("Μπορείτε να φέρετε την παραγγελία στις 11;")]
    public void Check_ATimeWithinTheHoursOrWithoutAnAsk_IsNotFlagged(string text) =>
        Assert.Empty(BoundaryCheck.Check(text, Hours, CultureInfo.InvariantCulture, "and"));

    private static readonly EffectiveTerms Response = EffectiveTerms.Merge(new Terms { ResponseHours = 24 }, null);

    [Theory]
    [InlineData("I expect a reply within 2 hours.", "within 2 hours")]
    [InlineData("Answer me in 30 minutes or I call my lawyer.", "in 30 minutes")]
    [InlineData("Voglio una risposta entro 3 ore.", "entro 3 ore")]
    [InlineData("Θέλω απάντηση μέσα σε 1 ώρα.", "μέσα σε 1 ώρα")]
    public void Check_AReplyAskedFasterThanPromised_IsFlagged(string text, string quote)
    {
        var breach = Assert.Single(BoundaryCheck.Check(text, Response, CultureInfo.InvariantCulture, "and"));

        Assert.Equal(("response-time", quote, "24"), (breach.Rule, breach.Quote, breach.Allowed));
    }

    [Theory]
    [InlineData("Please reply within 48 hours.")]
    [InlineData("We will deliver within 2 hours of your call.")]
    [InlineData("Rispondete entro 24 ore, grazie.")]
    public void Check_AReplyWithinThePromiseOrNoReplyAsked_IsNotFlagged(string text) =>
        Assert.Empty(BoundaryCheck.Check(text, Response, CultureInfo.InvariantCulture, "and"));

    [Fact]
    public void Check_WithoutAWrittenRule_FlagsNothing()
    {
        var none = EffectiveTerms.Merge(null, null);

        Assert.Empty(BoundaryCheck.Check("Deliver on Sunday, without the deposit, 50% discount, pay at 120 days.", none, CultureInfo.InvariantCulture, "and"));
    }

    [Fact]
    public void Merge_ACustomersContractOverridesTheOrganisationsFieldByField()
    {
        var merged = EffectiveTerms.Merge(
            new Terms { DeliveryDays = "mon,tue", MaxDiscountPercent = 10, Clauses = "discount: Ten percent at most." },
            new Terms { CustomerId = 1, DeliveryDays = "mon,tue,wed,thu,fri,sat,sun", Clauses = "delivery: Every day of the week." });

        Assert.Equal(7, merged.DeliveryDays!.Count);
        Assert.Equal(10m, merged.MaxDiscountPercent);
        Assert.Equal("Every day of the week.", merged.ClauseFor("delivery"));
        Assert.Equal("Ten percent at most.", merged.ClauseFor("discount"));
        Assert.Empty(BoundaryCheck.Check("Please deliver on Sunday.", merged, CultureInfo.InvariantCulture, "and"));
    }
}
