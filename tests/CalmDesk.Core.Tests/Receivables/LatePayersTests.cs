using CalmDesk.Analysis;

namespace CalmDesk.Receivables;

public sealed class LatePayersTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static LatePayers.MessageFacts Message(int id, int day, string situations, AngerLevel anger = AngerLevel.Calm) =>
        new(id, "subject " + id, "body", Start.AddDays(day), anger, situations);

    [Fact]
    public void Diagnose_AnOpenComplaintCase_IsProtest()
    {
        var (kind, signals) = LatePayers.Diagnose([new LatePayers.CaseFacts(4, "Wrong wine delivered", "wrong_delivery", Start)], []);

        Assert.Equal(LatePayerKind.Protesting, kind);
        Assert.Equal(4, Assert.Single(signals).CaseId);
    }

    [Fact]
    public void Diagnose_CalmCashFlowMessages_AreDifficulty()
    {
        var (kind, signals) = LatePayers.Diagnose([new LatePayers.CaseFacts(5, "Late invoices", "payment_delay", Start)], [Message(1, 3, "payment_delay")]);

        Assert.Equal(LatePayerKind.Struggling, kind);
        Assert.Equal("cash_flow", Assert.Single(signals).Kind);
    }

    [Fact]
    public void Diagnose_AComplaintAfterTheCashFlowMessage_IsProtest_AndTheReverseIsDifficulty()
    {
        var complaintLast = LatePayers.Diagnose([], [Message(1, 1, "payment_delay"), Message(2, 5, "billing_dispute", AngerLevel.Angry)]);
        var cashFlowLast = LatePayers.Diagnose([], [Message(1, 1, "billing_dispute", AngerLevel.Angry), Message(2, 5, "payment_delay")]);

        Assert.Equal(LatePayerKind.Protesting, complaintLast.Kind);
        Assert.Equal(LatePayerKind.Struggling, cashFlowLast.Kind);
    }

    [Fact]
    public void Diagnose_NothingSaid_IsUnclear()
    {
        var (kind, signals) = LatePayers.Diagnose([], [Message(1, 1, "praise")]);

        Assert.Equal(LatePayerKind.Unclear, kind);
        Assert.Empty(signals);
    }
}
