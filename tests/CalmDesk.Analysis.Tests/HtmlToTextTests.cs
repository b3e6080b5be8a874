using System.Text;

namespace CalmDesk.Analysis;

/// HTML mail bodies read as a person reads them, and hostile markup read without harm: markup nested a hundred
/// thousand deep took the HTML5 parser minutes (and the recursive walk over it could overflow the stack), and
/// megabytes of markup are read only as far as a message goes.
public sealed class HtmlToTextTests
{
    [Fact]
    public void Paragraphs_Breaks_AndQuotedReplies_ReadAsText()
    {
        var text = HtmlToText.Convert("<html><head><style>p{}</style></head><body><p>Hello Laura,</p><div>the pallets<br>arrived broken.</div>" +
            "<blockquote><p>Earlier: we ship Monday.</p></blockquote><script>alert(1)</script></body></html>");

        Assert.Equal(["Hello Laura,", "the pallets", "arrived broken.", "> Earlier: we ship Monday."], text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MarkupNestedFiftyThousandDeep_IsReadAsText_WithoutTheParser()
    {
        var html = new StringBuilder();
        html.Append("<body><p>Send the pallets back.</p>");
        html.Insert(html.Length, "<div>", 50_000);
        html.Append("Still here");
        html.Insert(html.Length, "</div>", 50_000);
        html.Append("<script>alert(1)</script></body>");

        Assert.Equal(["Send the pallets back.", "Still here"], HtmlToText.Convert(html.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MegabytesOfMarkup_AreReadOnlyAsFarAsTheLimit()
    {
        var html = "<p>Your invoice is wrong.</p>" + string.Concat(Enumerable.Repeat("<span style=\"color:#000\">x</span>", 80_000)) + "<p>Never read</p>";
        Assert.True(html.Length > 2 * HtmlToText.MaxHtmlLength);

        var text = HtmlToText.Convert(html);

        Assert.StartsWith("Your invoice is wrong.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Never read", text, StringComparison.Ordinal);
        Assert.True(text.Length < HtmlToText.MaxHtmlLength, $"{text.Length} characters of text");
    }
}
