namespace CalmDesk.Orders;

public sealed class OrderComparisonTests
{
    private static Order Of(decimal ordered, decimal? confirmed, decimal? delivered, bool acknowledged = false) => new()
    {
        Id = 1, CustomerId = 1, Number = "SO-1", OrderedOn = new(2026, 10, 1),
        ConfirmedAt = confirmed is null ? null : new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero),
        AcknowledgedAt = acknowledged ? new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.Zero) : null,
        Lines = [new OrderLine { Id = 1, Item = "Chianti", Ordered = ordered, Confirmed = confirmed, Delivered = delivered }],
    };

    [Theory]
    [InlineData(40, 40, 24, false, "delivery_differs", "delivery", "our-mistake")]
    [InlineData(40, 30, 30, false, "confirmation_differs", "confirmation", "our-mistake")]
    [InlineData(40, 30, 30, true, "confirmation_differs", "confirmation", "wrong-delivery")]
    [InlineData(40, 40, 40, false, "as_ordered", null, "wrong-delivery")]
    public void Of_PointsAtWhereTheRecordsPartWays_AndWhoseMistakeItIs(
        int ordered, int confirmed, int delivered, bool acknowledged, string verdict, string? difference, string playbook)
    {
        var comparison = OrderComparison.Of(Of(ordered, confirmed, delivered, acknowledged));

        Assert.Equal((verdict, difference, playbook), (comparison.Verdict, comparison.Lines[0].Difference, comparison.Playbook));
    }

    [Fact]
    public void Of_NothingDeliveredYet_IsIncomplete()
    {
        Assert.Equal("incomplete", OrderComparison.Of(Of(40, 40, null)).Verdict);
    }
}
