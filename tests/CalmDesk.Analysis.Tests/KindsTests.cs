namespace CalmDesk.Analysis;

public sealed class KindsTests
{
    [Fact]
    public void Names_AreSnakeCaseAndParseBack()
    {
        Assert.Equal("wrong_delivery", Situation.WrongDelivery.Name());
        Assert.Equal("late_response_complaint", Situation.LateResponseComplaint.Name());
        Assert.Equal("threat_of_violence", AbuseKind.ThreatOfViolence.Name());
        Assert.Equal("escalation", ThreatKind.Escalation.Name());
        Assert.All(Kinds.Situations, s => Assert.True(Kinds.TryParse(s.Name(), out Situation back) && back == s));
        Assert.All(Kinds.Threats, t => Assert.True(Kinds.TryParse(t.Name(), out ThreatKind back) && back == t));
        Assert.All(Kinds.AbuseKinds, k => Assert.True(Kinds.TryParse(k.Name(), out AbuseKind back) && back == k));
        Assert.False(Kinds.TryParse("Wrong Delivery", out Situation _));
        Assert.False(Kinds.TryParse(null, out ThreatKind _));
    }

    [Fact]
    public void Results_NameOnlyKnownKinds()
    {
        var result = MessageAnalyzer.Default.Analyze(
            "You idiots sent the wrong pallets AGAIN, the invoice is wrong too, I want my money back or my lawyer calls you tomorrow!!!");

        Assert.All(result.Situations, s => Assert.True(Kinds.TryParse(s.Kind, out Situation _), s.Kind));
        Assert.All(result.Threats, t => Assert.True(Kinds.TryParse(t.Kind, out ThreatKind _), t.Kind));
        Assert.All(result.Abuse.Kinds, k => Assert.True(Kinds.TryParse(k, out AbuseKind _), k));
        Assert.NotEmpty(result.Situations);
    }
}
