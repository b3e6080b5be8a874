using System.Net;
using System.Text;
using MimeKit.Text;

namespace CalmDesk.Interactions;

/// Turns an HTML mail body into readable plain text with MimeKit's tokenizer: text kept, tags dropped,
/// block elements as line breaks, scripts and styles skipped.
internal static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr",
    };

    public static string ToPlainText(string html)
    {
        var builder = new StringBuilder(html.Length / 2);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        string? skipping = null;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when skipping is not null:
                    if (tag.IsEndTag && tag.Name.Equals(skipping, StringComparison.OrdinalIgnoreCase))
                    {
                        skipping = null;
                    }

                    break;
                case HtmlTagToken tag when !tag.IsEndTag && (tag.Name.Equals("script", StringComparison.OrdinalIgnoreCase) || tag.Name.Equals("style", StringComparison.OrdinalIgnoreCase)):
                    skipping = tag.IsEmptyElement ? null : tag.Name;
                    break;
                case HtmlTagToken tag when BlockTags.Contains(tag.Name):
                    builder.Append('\n');
                    break;
                case HtmlDataToken data when skipping is null:
                    builder.Append(WebUtility.HtmlDecode(data.Data));
                    break;
                default:
                    break;
            }
        }

        return Tidy(builder.ToString());
    }

    /// Collapses runs of blank space HTML rendering would collapse, keeping at most one empty line.
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(line).Append('\n');
            }
        }

        return result.ToString().Trim();
    }
}
