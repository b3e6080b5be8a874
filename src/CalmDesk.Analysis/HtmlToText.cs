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

    /// <summary>The most markup read from one body: a person's message is a small part of it, and a hostile or broken
    /// mail of megabytes must not hold an import or a fetch for half a minute.</summary>
    public const int MaxHtmlLength = 512 * 1024;

    /// <summary>Converts HTML to plain text.</summary>
    /// <param name="html">The markup; may be a fragment or broken. Only its first <see cref="MaxHtmlLength"/> characters are read.</param>
    /// <returns>The readable text, with at most one empty line in a row.</returns>
    public static string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var markup = html.Length > MaxHtmlLength ? html[..MaxHtmlLength] : html;
        if (Hostile(markup))
        {
            return Tidy(Strip(markup));
        }

        using var document = Parser.ParseDocument(markup);
        var builder = new StringBuilder(markup.Length / 2);
        Append(document.Body ?? (INode)document, builder);
        return Tidy(builder.ToString());
    }

    /// <summary>Markup no mail client writes: tens of thousands of tags, or elements nested hundreds deep. The HTML5
    /// tree builder takes minutes on such input (a 1.2 MB mail held an import for 36 s), so it is not parsed: its tags
    /// are stripped in one pass instead. Counted in one pass too, by opening and closing tags.</summary>
    private static bool Hostile(string markup)
    {
        int tags = 0, depth = 0, deepest = 0;
        for (var i = 0; i < markup.Length - 1; i++)
        {
            if (markup[i] != '<')
            {
                continue;
            }

            var next = markup[i + 1];
            if (char.IsAsciiLetter(next))
            {
                tags++;
                depth++;
                deepest = Math.Max(deepest, depth);
            }
            else if (next == '/')
            {
                tags++;
                depth = Math.Max(0, depth - 1);
            }
        }

        return tags > 20_000 || deepest > 2_000;
    }

    /// <summary>The text between the tags, in one pass: line breaks for breaks and block ends, scripts and styles left
    /// out, entities decoded.</summary>
    private static string Strip(string markup)
    {
        var text = new StringBuilder(markup.Length / 4);
        var i = 0;
        while (i < markup.Length)
        {
            var open = markup.IndexOf('<', i);
            if (open < 0)
            {
                text.Append(markup, i, markup.Length - i);
                break;
            }

            text.Append(markup, i, open - i);
            var close = markup.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }

            var tag = markup.AsSpan(open + 1, close - open - 1).TrimStart('/');
            var name = tag[..Math.Max(0, tag.IndexOfAny(' ', '\t', '/') is var end && end >= 0 ? end : tag.Length)].ToString();
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase) || (markup[open + 1] == '/' && Blocks.Contains(name)))
            {
                text.Append('\n');
            }

            i = close + 1;
            if (markup[open + 1] != '/' && Skipped.Contains(name))
            {
                var ending = markup.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = ending < 0 ? markup.Length : ending;
            }
        }

        return System.Net.WebUtility.HtmlDecode(text.ToString());
    }

    // Walks the tree with a stack of its own, not recursion: markup nested a hundred thousand deep is read, not a crash.
    private static void Append(INode root, StringBuilder builder)
    {
        var stack = new Stack<(INode Node, int QuoteDepth, bool Closing)>();
        Push(stack, root, 0);
        while (stack.TryPop(out var item))
        {
            var (node, quoteDepth, closing) = item;
            if (closing)
            {
                NewLine(builder, quoteDepth);
                continue;
            }

            switch (node)
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
                    stack.Push((quote, quoteDepth, true));
                    PushChildren(stack, quote, quoteDepth + 1);
                    break;
                case IElement element when Blocks.Contains(element.TagName):
                    NewLine(builder, quoteDepth);
                    stack.Push((element, quoteDepth, true));
                    PushChildren(stack, element, quoteDepth);
                    break;
                default:
                    PushChildren(stack, node, quoteDepth);
                    break;
            }
        }
    }

    private static void Push(Stack<(INode, int, bool)> stack, INode node, int quoteDepth) => stack.Push((node, quoteDepth, false));

    // Children pushed last-first, so they are read in document order.
    private static void PushChildren(Stack<(INode, int, bool)> stack, INode node, int quoteDepth)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            Push(stack, children[i], quoteDepth);
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
