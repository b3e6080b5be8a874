using CalmDesk.Localization;

namespace CalmDesk.Orders;

public sealed class OrderLinesTextTests
{
    /// Quantities and prices typed on the orders page read as the rep writes numbers.
    [Theory]
    [InlineData("it", "Chianti 750ml | 1.200 | 9,50", "1200", "9.5")]
    [InlineData("en-GB", "Chianti 750ml | 1,200 | 9.50", "1200", "9.5")]
    [InlineData("el", "Κρασί | 12 | 1.250,00", "12", "1250")]
    public void Parse_ReadsNumbersAsTheReaderWritesThem(string culture, string text, string quantity, string price)
    {
        var (lines, problem) = InCulture.Run(culture, () => OrderLinesText.Parse(text));

        Assert.Null(problem);
        var line = Assert.Single(lines);
        Assert.Equal((decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)), (line.Quantity, line.Price!.Value));
    }

    [Theory]
    [InlineData("Chianti 750ml | -5")]
    [InlineData("Chianti 750ml | 1.25.0")]
    [InlineData("Chianti 750ml | 5 | -9,50")]
    public void Parse_RefusesANegativeOrMistypedNumber(string text) =>
        Assert.NotNull(InCulture.Run("it", () => OrderLinesText.Parse(text)).Problem);
}
