namespace CalmDesk.Commitments;

public sealed class CommitmentScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(7 * 24, 24, 2)]      // a week: reminder a day before, at risk in the last two hours
    [InlineData(48, 24, 2)]          // exactly two days: still a day before
    [InlineData(8, 4, 2)]            // a working day: halfway, last two hours
    [InlineData(1, 0.5, 0.25)]       // "in one hour": halfway, last quarter
    public void For_GivesReminderAndAtRiskBeforeDue(double hours, double reminderHoursBefore, double atRiskHoursBefore)
    {
        var due = Now.AddHours(hours);

        var (remindAt, atRiskAt) = CommitmentSchedule.For(Now, due);

        Assert.Equal(due.AddHours(-reminderHoursBefore), remindAt);
        Assert.Equal(due.AddHours(-atRiskHoursBefore), atRiskAt);
    }

    [Theory]
    [InlineData(0, "Upcoming")]
    [InlineData(5.9, "Upcoming")]
    [InlineData(6, "AtRisk")]
    [InlineData(7.99, "AtRisk")]
    [InlineData(8, "Overdue")]
    [InlineData(30, "Overdue")]
    public void StateOf_MovesFromUpcomingToAtRiskToOverdue(double hoursLater, string expected)
    {
        var commitment = CommitmentBook.New(1, null, 1, "Call back", Now.AddHours(8), CommitmentSource.Manual, Now);

        Assert.Equal(Enum.Parse<CommitmentState>(expected), CommitmentSchedule.StateOf(commitment, Now.AddHours(hoursLater)));
    }

    [Fact]
    public void StateOf_DoneOrCancelled_IsNeverOverdue()
    {
        var commitment = CommitmentBook.New(1, null, 1, "Call back", Now.AddHours(1), CommitmentSource.Manual, Now);
        commitment.Status = CommitmentStatus.Done;

        Assert.Equal(CommitmentState.Done, CommitmentSchedule.StateOf(commitment, Now.AddDays(3)));
    }
}
