using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace CalmDesk.Analysis;

/// <summary>Splits a message into what the customer just wrote and what is set aside: quoted earlier
/// messages, the signature, and anything beyond the length limit.</summary>
internal sealed partial class MessageParts
{
    private readonly SetAsidePart[] _setAside;

    private MessageParts(string text, int judgedEnd, SetAsidePart[] setAside, IReadOnlyList<string> notes)
    {
        Text = text;
        JudgedEnd = judgedEnd;
        _setAside = setAside;
        Notes = notes;
    }

    /// <summary>The plain text that offsets refer to.</summary>
    public string Text { get; }

    /// <summary>Judged text lies in [0, JudgedEnd) outside the quoted lines.</summary>
    public int JudgedEnd { get; }

    public IReadOnlyList<SetAsidePart> SetAside => _setAside;

    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when the character at index is part of what the customer just wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsJudged(int index)
    {
        if (index >= JudgedEnd)
        {
            return false;
        }

        // Called for every character: an array and a plain loop, no enumerator.
        for (var i = 0; i < _setAside.Length; i++)
        {
            if (index >= _setAside[i].Span.Offset && index < _setAside[i].Span.End)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MessageParts Split(string? input, AnalysisOptions options)
    {
        var notes = new List<string>();
        var text = Clean(input ?? "", notes);
        if (options.Html ?? HtmlToText.LooksLikeHtml(text))
        {
            // Bound the work before parsing: markup is several times longer than its text.
            if (text.Length > options.MaxLength * 8)
            {
                text = text[..(options.MaxLength * 8)];
                notes.Add("html_truncated");
            }

            text = HtmlToText.Convert(text);
            notes.Add("html_converted");
        }

        var setAside = new List<SetAsidePart>();
        var limit = text.Length;
        if (text.Length > options.MaxLength)
        {
            limit = options.MaxLength;
            setAside.Add(new SetAsidePart(SetAsideKind.BeyondLimit, new TextSpan(limit, text.Length - limit)));
            notes.Add("truncated");
        }

        var end = FindQuotes(text, limit, setAside);
        end = FindSignature(text, end, setAside);
        SetAsidePart[] ordered = [.. setAside];
        Array.Sort(ordered, static (a, b) => a.Span.Offset.CompareTo(b.Span.Offset));
        return new MessageParts(text, end, ordered, notes.Count == 0 ? [] : notes);
    }

    /// <summary>Replaces what cannot be text (lone surrogates, NUL and other controls) so nothing downstream trips on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Clean(string input, List<string> notes)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < input.Length; i++)
        {
            var ch = input[i];
            var bad = char.IsHighSurrogate(ch) ? i + 1 >= input.Length || !char.IsLowSurrogate(input[i + 1])
                : char.IsLowSurrogate(ch) ? i == 0 || !char.IsHighSurrogate(input[i - 1])
                : ch < ' ' && ch is not ('\n' or '\r' or '\t');
            if (bad)
            {
                builder ??= new StringBuilder(input, 0, i, input.Length);
                builder.Append(ch == '\0' ? ' ' : '\uFFFD');
            }
            else
            {
                builder?.Append(ch);
            }
        }

        if (builder is null)
        {
            return input;
        }

        notes.Add("invalid_characters_replaced");
        return builder.ToString();
    }

    /// <summary>Marks "&gt;" lines and everything from a reply header ("On … wrote:", "Il giorno … ha scritto:",
    /// "Στις … έγραψε:", "-----Original Message-----", a "From:/Sent:" block) as quoted. Returns where the
    /// customer's own text ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindQuotes(string text, int limit, List<SetAsidePart> setAside)
    {
        var lineStart = 0;
        while (lineStart < limit)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > limit)
            {
                lineEnd = limit;
            }

            var line = text.AsSpan(lineStart, lineEnd - lineStart).Trim();
            if (lineStart > 0 && IsReplyHeader(text, lineStart, lineEnd, line))
            {
                setAside.Add(new SetAsidePart(SetAsideKind.QuotedReply, new TextSpan(lineStart, limit - lineStart)));
                return lineStart;
            }

            if (line.StartsWith(">"))
            {
                setAside.Add(new SetAsidePart(SetAsideKind.QuotedReply, new TextSpan(lineStart, lineEnd - lineStart)));
            }

            lineStart = lineEnd + 1;
        }

        return limit;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsReplyHeader(string text, int lineStart, int lineEnd, ReadOnlySpan<char> line)
    {
        // Every header form ends with ':', starts with '-', or has "From:"-like label up front: skip the regexes otherwise.
        var colon = line.IndexOf(':');
        if (line.IsEmpty || (line[^1] != ':' && line[0] != '-' && (colon < 0 || colon > 12)))
        {
            return false;
        }

        if (OriginalMessage().IsMatch(line) || AttributionLine().IsMatch(line))
        {
            return true;
        }

        // "From: …" followed within two lines by "Sent:/Date:/Inviato:/Data:/Ημερομηνία:" is an Outlook-style header.
        if (FromHeader().IsMatch(line))
        {
            var next = text.AsSpan(lineEnd, Math.Min(text.Length - lineEnd, 300));
            return SentHeader().IsMatch(next);
        }

        // An attribution wrapped over two lines: "On Mon, 3 Mar 2026 at 10:00, Nino" / "<nino@x> wrote:".
        if (WroteEnding().IsMatch(line) && lineStart > 1)
        {
            var previousStart = text.LastIndexOf('\n', lineStart - 2) + 1;
            var previous = text.AsSpan(previousStart, lineStart - 1 - previousStart).Trim();
            return AttributionStart().IsMatch(previous);
        }

        return false;
    }

    /// <summary>Sets aside a trailing signature: after a "-- " line, or from a short sign-off line
    /// ("Best regards", "Cordiali saluti", "Με εκτίμηση", "Sent from my iPhone") near the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindSignature(string text, int end, List<SetAsidePart> setAside)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        while (start < end)
        {
            var lineEnd = text.IndexOf('\n', start);
            if (lineEnd < 0 || lineEnd > end)
            {
                lineEnd = end;
            }

            lines.Add((start, lineEnd));
            start = lineEnd + 1;
        }

        // Only the last few lines can be a sign-off; a "Thanks" in the middle is part of the message.
        for (var i = Math.Max(1, lines.Count - 8); i < lines.Count; i++)
        {
            var line = text.AsSpan(lines[i].Start, lines[i].End - lines[i].Start).TrimEnd();
            if (line is "--" or "-- " || (line.Length <= 40 && SignOff().IsMatch(line.Trim())))
            {
                setAside.Add(new SetAsidePart(SetAsideKind.Signature, new TextSpan(lines[i].Start, end - lines[i].Start)));
                return lines[i].Start;
            }
        }

        return end;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Messaggio originale|Αρχικό μήνυμα|Mensaje original|Message d'origine|Ursprüngliche Nachricht|Mensagem original)\s*-{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(On\s.{4,200}\swrote:|Il giorno\s.{4,200}\sha scritto:|Il\s.{4,200}\sha scritto:|Στις\s.{4,200}\sέγραψε:|.{4,200}\sέγραψε:|El\s.{4,200}\sescribió:|Le\s.{4,200}\sa écrit\s?:|Am\s.{4,200}\sschrieb\s.{0,200}:|Em\s.{4,200}\sescreveu:)$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionLine();

    [GeneratedRegex(@"^(On|Il giorno|Il|Στις|El|Le|Am|Em)\s", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(wrote|ha scritto|έγραψε|escribió|a écrit|schrieb|escreveu)\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteEnding();

    [GeneratedRegex(@"^(From|Da|Από|De|Von)\s?:\s", RegexOptions.IgnoreCase)]
    private static partial Regex FromHeader();

    [GeneratedRegex(@"^\s*(\S.*\n){0,2}\s*(Sent|Date|Inviato|Data|Στάλθηκε|Ημερομηνία|Enviado|Envoyé|Gesendet)\s?:", RegexOptions.IgnoreCase)]
    private static partial Regex SentHeader();

    [GeneratedRegex(@"^(best( regards)?|kind regards|warm regards|regards|many thanks|thanks( again)?|thank you|cheers|sincerely|yours( sincerely| truly)?|sent from my \w+|cordiali saluti|distinti saluti|saluti|un saluto|grazie( mille)?|inviato da(l mio)? \w+|με εκτίμηση|φιλικά|ευχαριστώ( πολύ)?|με φιλικούς χαιρετισμούς|saludos( cordiales)?|un saludo|cordialement|bien à vous|mit freundlichen grüßen|viele grüße|atenciosamente|cumprimentos)[,.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();
}
