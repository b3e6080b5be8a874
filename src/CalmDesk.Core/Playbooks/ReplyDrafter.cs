using System.Globalization;
using System.Text;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Customers;
using CalmDesk.Interactions;

namespace CalmDesk.Playbooks;

internal sealed record ReplyDraft(string Language, string Subject, string Body, IReadOnlyList<string> Playbooks);

/// Drafts replies and delay notices in the customer's language from the playbook texts. The tone rules are built in:
/// the acknowledgement follows the anger level, an apology appears once and only when the mistake was ours, and the
/// banned phrases of the language (blame, "I told you", "you owe") never appear.
internal static partial class ReplyDrafter
{
    /// What a case says about itself: its situations, and whether the mistake was ours or a message abused the rep. For a
    /// reply (<paramref name="unanswered"/>), only abuse not answered yet counts: once mail of ours has gone out after it
    /// (a reply or a delay notice, as the inbox counts an answer; one that failed answered nothing), the next draft does not
    /// ask the customer once more to keep to the facts unless a newer message abuses the rep again.
    public static IReadOnlyList<string> Signals(CaseDetail detail, bool unanswered = false)
    {
        var signals = new List<string>(detail.Situations);
        if (detail.RootCause == RootCause.OurMistake)
        {
            signals.Add("our_mistake");
        }

        var answer = unanswered
            ? detail.Interactions.Where(i => i.Direction == Direction.Outbound && i.Delivery != Delivery.Failed).MaxBy(i => (i.OccurredAt, i.Id))
            : null;
        if (detail.Interactions.Any(i => i.Direction != Direction.Outbound && i.Analysis?.Abuse.Targeted == true
            && (answer is null || (i.OccurredAt, i.Id).CompareTo((answer.OccurredAt, answer.Id)) > 0)))
        {
            signals.Add("abuse");
        }

        return signals;
    }

    /// A reply in the case's language. The experience is what the writer says of themselves in their profile; a
    /// sentence that needs it is left out when they wrote nothing, so a draft never claims experience the rep may not have.
    /// The promise a reply or a guide phrase names: the case's open one due soonest that is still ahead of
    /// <paramref name="now"/>. One already overdue is not offered again as a deadline ("you will hear from me by Friday"
    /// on a Sunday); the rep sets a new one, or the phrase keeps its blank.
    public static DateTimeOffset? NextPromiseDue(CaseDetail detail, DateTimeOffset? now) =>
        detail.Commitments.Where(c => c.Status == CommitmentStatus.Open && (now is null || c.DueAt > now)).MinBy(c => c.DueAt)?.DueAt;

    public static ReplyDraft Draft(CaseDetail detail, PlaybookLibrary library, string? repName, TimeZoneInfo zone, string? experience = null, DateTimeOffset? now = null)
    {
        var language = detail.Language;
        var texts = library.Replies(language) ?? throw new InvalidOperationException("No reply texts are loaded, not even English.");
        var culture = Languages.CultureOrInvariant(texts.Language, detail.Country);
        zone = TimeZones.Or(detail.TimeZone, zone);
        var promise = NextPromiseDue(detail, now);
        var values = Values(detail, null, repName, promise, null, zone, culture);
        values["experience"] = experience?.Trim().TrimEnd('.', ' ') ?? "";
        var playbooks = library.Matching(Signals(detail, unanswered: true), texts.Language).Where(p => p.Reply.Count > 0).Take(2).ToList();
        var seed = detail.Id;

        var body = new StringBuilder();
        body.Append(Salutation.Greeting(texts, values, seed)).Append('\n');
        var paragraph = new List<string> { texts.Pick("acknowledge-" + detail.CurrentAnger.ToString().ToLowerInvariant(), seed) };
        if (detail.RootCause == RootCause.OurMistake)
        {
            paragraph.Add(texts.Pick("apology", seed));
        }

        if (detail.FactOrder is not null)
        {
            paragraph.Add(texts.Pick("facts-order", seed));
        }

        if (detail.FactWhat is not null)
        {
            paragraph.Add(texts.Pick("facts-what", seed));
        }

        // What the mistake cost them, in their words, once the guide has asked.
        if (detail.FactImpact is not null && texts.Sections.ContainsKey("facts-impact"))
        {
            paragraph.Add(texts.Pick("facts-impact", seed));
        }

        body.Append(Fill(string.Join(' ', paragraph), values)).Append("\n\n");
        foreach (var playbook in playbooks)
        {
            body.Append(Fill(WithoutEmpty(ReplyTexts.Variant(playbook.Reply, seed), values, "experience"), values)).Append("\n\n");
        }

        if (promise is not null)
        {
            body.Append(Fill(texts.Pick("promise", seed), values)).Append("\n\n");
        }

        body.Append(Fill(texts.Pick("closing", seed), values));
        return new ReplyDraft(texts.Language, Subject(detail, texts, values, seed), body.ToString(), [.. playbooks.Select(p => p.Id)]);
    }

    /// The subject of a reply on a case: "Re:" and the customer's own subject (their latest message that has one), as a
    /// mail client answers; the case's title only when they wrote none. The title is ours, and a rep may have renamed the
    /// case for the team ("Sunday delivery, outside the terms"): it is not for the customer to read.
    private static string Subject(CaseDetail detail, ReplyTexts texts, Dictionary<string, string> values, int seed) =>
        detail.Interactions.Where(i => i.Direction == Direction.Inbound && !string.IsNullOrWhiteSpace(i.Subject)).MaxBy(i => (i.OccurredAt, i.Id))?.Subject is { } theirs
            ? Subjects.Reply(theirs)
            : Fill(texts.Pick("subject", seed), values);

    /// The notice that tells the customer of a delay before they have to ask: the promised date, and the new one.
    public static ReplyDraft DelayNotice(
        CaseDetail? detail, string language, string? contactName, string? repName, DateTimeOffset previousDue, DateTimeOffset newDue, PlaybookLibrary library, TimeZoneInfo zone,
        string? country = null, string? contactGender = null)
    {
        var texts = library.Replies(language) ?? throw new InvalidOperationException("No reply texts are loaded, not even English.");
        var culture = Languages.CultureOrInvariant(texts.Language, country ?? detail?.Country);
        zone = TimeZones.Or(detail?.TimeZone, zone);
        var values = Values(detail, contactName, repName, newDue, previousDue, zone, culture, contactGender);
        var seed = detail?.Id ?? 0;
        var body = Salutation.Greeting(texts, values, seed) + "\n" + Fill(texts.Pick("delay", seed), values) + "\n\n" + Fill(texts.Pick("closing", seed), values);
        // A promise made outside a case has no title to answer ("Re: " and nothing): the notice says what it is about.
        var subject = detail is null ? Fill(texts.Pick(texts.Sections.ContainsKey("delay-subject") ? "delay-subject" : "subject", seed), values)
            : Subject(detail, texts, values, seed);
        return new ReplyDraft(texts.Language, subject, body, []);
    }

    /// What a guide phrase shows where the case does not know a value yet (no promise, so no date): a blank the rep
    /// fills in while speaking, the same in every language, instead of a sentence with a hole ("by , whatever").
    public const string Blank = "___";

    /// A guide phrase in the customer's language with the case's values filled in (the promise date, the contact…).
    public static string Phrase(string phrase, CaseDetail detail, string? repName, DateTimeOffset? due, TimeZoneInfo zone)
    {
        var values = Values(detail, null, repName, due, null, TimeZones.Or(detail.TimeZone, zone), Languages.CultureOrInvariant(detail.Language, detail.Country));
        foreach (var key in values.Keys.ToList())
        {
            if (values[key].Length == 0)
            {
                values[key] = Blank;
            }
        }

        return Fill(phrase, values);
    }

    /// <summary>A promised moment as a letter names it: the day in full, then the time joined by the language's own word
    /// ("Friday, 4 December 2026 at 16:00", "venerdì 4 dicembre 2026 alle 16:00", "… στις 4:00 μ.μ."); a language
    /// without one here gets the culture's full date and time.</summary>
    public static string Format(DateTimeOffset when, TimeZoneInfo zone, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(when, zone);
        var time = local.ToString("t", culture);
        var at = culture.TwoLetterISOLanguageName switch
        {
            "en" => "at",
            "it" => local.Hour == 1 ? "all'" : "alle",
            // Greek names one o'clock in the singular ("στη 1:00 μ.μ.", as on a twelve-hour clock 13:00 is), every other hour in the plural.
            "el" => time.StartsWith("1:", StringComparison.Ordinal) || time.StartsWith("01:", StringComparison.Ordinal) ? "στη" : "στις",
            _ => null,
        };
        return at is null ? local.ToString("f", culture)
            : string.Concat(local.ToString("D", culture), " ", at, at.EndsWith('\'') ? "" : " ", time);
    }

    /// Every placeholder's value; without a case (a promise made outside one) its parts are empty.
    private static Dictionary<string, string> Values(
        CaseDetail? detail, string? contactName, string? repName, DateTimeOffset? due, DateTimeOffset? previous, TimeZoneInfo zone, CultureInfo culture,
        string? gender = null) => new(StringComparer.Ordinal)
    {
        ["contact"] = contactName ?? detail?.ContactName ?? detail?.Company ?? "",
        [Salutation.GenderKey] = (contactName is null ? detail?.ContactGender : gender) ?? "",
        ["rep"] = repName ?? detail?.RepName ?? "",
        ["company"] = detail?.Company ?? "",
        ["title"] = detail?.Title ?? "",
        ["order"] = detail?.FactOrder ?? "",
        ["what"] = detail?.FactWhat?.TrimEnd('.', ' ') ?? "",
        ["when"] = detail?.FactWhen ?? "",
        ["impact"] = detail?.FactImpact?.TrimEnd('.', ' ') ?? "",
        ["facts"] = detail is null ? "" : string.Join(", ", new[] { detail.FactWhat?.TrimEnd('.', ' '), detail.FactOrder, detail.FactWhen }.Where(f => !string.IsNullOrWhiteSpace(f))),
        ["date"] = due is { } d ? Format(d, zone, culture) : "",
        ["old_date"] = previous is { } p ? Format(p, zone, culture) : "",
    };

    /// The text without its sentences that need a value nobody gave ("A little about me: {experience}.").
    internal static string WithoutEmpty(string text, IReadOnlyDictionary<string, string> values, string key)
    {
        if (values.GetValueOrDefault(key) is { Length: > 0 } || !text.Contains("{" + key + "}", StringComparison.Ordinal))
        {
            return text;
        }

        var sentences = SentenceEnd().Split(text);
        return string.Join(' ', sentences.Where(s => !s.Contains("{" + key + "}", StringComparison.Ordinal)));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?;])\s+")]
    private static partial System.Text.RegularExpressions.Regex SentenceEnd();

    internal static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            // A value that ends a sentence itself ("7:00 π.μ.", "S.p.A.") takes the sentence's full stop: no "π.μ..".
            if (value.EndsWith('.'))
            {
                text = text.Replace("{" + key + "}.", value, StringComparison.Ordinal);
            }

            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return Localization.ItalianArticles.Elide(text);
    }

}
