using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CalmDesk.Analysis;

/// <summary>Turns an HTML e-mail body into the plain text a person would read.</summary>
/// <remarks>Parsing is AngleSharp's (the HTML5 algorithm), so broken markup is read the way browsers read it.
/// Scripts, styles and head are dropped; block elements become line breaks; blockquotes keep a "&gt; " prefix
/// so quoted replies can still be recognised and set aside.</remarks>
public static class HtmlToText
{
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "LI", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "UL", "OL", "HR", "PRE", "SECTION", "ARTICLE", "HEADER", "FOOTER",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "SCRIPT", "STYLE", "HEAD", "TEMPLATE", "NOSCRIPT" };

    /// <summary>True when the text looks like HTML (it has tags a mail client would write).</summary>
    public static bool LooksLikeHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var probe = text.AsSpan(0, Math.Min(text.Length, 4096));
        return probe.Contains("<html", StringComparison.OrdinalIgnoreCase) || probe.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || probe.Contains("<div", StringComparison.OrdinalIgnoreCase) || probe.Contains("<p>", StringComparison.OrdinalIgnoreCase)
            || probe.Contains("<br", StringComparison.OrdinalIgnoreCase) || probe.Contains("<table", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Converts HTML to plain text.</summary>
    /// <param name="html">The markup; may be a fragment or broken.</param>
    /// <returns>The readable text, with at most one empty line in a row.</returns>
    public static string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument(html);
        var builder = new StringBuilder(html.Length / 2);
        Append(document.Body ?? (INode)document, builder, quoteDepth: 0);
        return Tidy(builder.ToString());
    }

    private static void Append(INode node, StringBuilder builder, int quoteDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data);
                    break;
                case IElement element when Skipped.Contains(element.TagName):
                    break;
                case IElement { TagName: "BR" }:
                    NewLine(builder, quoteDepth);
                    break;
                case IElement { TagName: "BLOCKQUOTE" } quote:
                    NewLine(builder, quoteDepth + 1);
                    Append(quote, builder, quoteDepth + 1);
                    NewLine(builder, quoteDepth);
                    break;
                case IElement element when Blocks.Contains(element.TagName):
                    NewLine(builder, quoteDepth);
                    Append(element, builder, quoteDepth);
                    NewLine(builder, quoteDepth);
                    break;
                case IElement element:
                    Append(element, builder, quoteDepth);
                    break;
                default:
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder builder, int quoteDepth)
    {
        builder.Append('\n');
        for (var i = 0; i < quoteDepth; i++)
        {
            builder.Append("> ");
        }
    }

    private static string Tidy(string text)
    {
        var result = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = string.Join(' ', raw.Split([' ', '\t', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
            var isBlank = line.Length == 0 || line.Trim('>', ' ').Length == 0;
            blank = isBlank ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(isBlank ? "" : line).Append('\n');
            }
        }

        return result.ToString().Trim();
    }
}
