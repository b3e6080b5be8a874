namespace CalmDesk.Data;

public sealed class SafeCsvTests
{
    [Fact]
    public async Task FormulasAreWrittenAsText_NumbersAsNumbers()
    {
        await using var text = new StringWriter();
        await using (var csv = SafeCsv.Writer(text))
        {
            foreach (var cell in new[] { "=HYPERLINK(\"http://x\")", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "+39 333", "-120.00", "1200.50", "plain" })
            {
                csv.WriteField(cell);
            }

            await csv.NextRecordAsync();
        }

        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",\"'-2+3+cmd|' /C calc'!A0\",\"'@SUM(A1)\",\"'+39 333\",-120.00,1200.50,plain", text.ToString().TrimEnd());
    }
}
