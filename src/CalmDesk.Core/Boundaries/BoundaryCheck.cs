using System.Globalization;
using System.Text.RegularExpressions;

namespace CalmDesk.Boundaries;

/// Something a message asks for that the terms exclude, with the words that ask it and the rule they break.
/// Rules: delivery-day, opening-day, opening-hours, deposit, discount, payment-terms, response-time.
internal sealed record BoundaryBreach(string Rule, int Offset, int Length, string Quote, string Asked, string Allowed);

/// Finds requests in a message (English, Italian, Greek) and checks them against the written terms, sentence by
/// sentence: a weekday with a delivery word, a deposit with a "without", a percentage with a discount word, a number
/// of days with a payment word. Only what the terms actually exclude is flagged, and every flag names its words.
internal static partial class BoundaryCheck
{
    private static readonly (DayOfWeek[] Days, Regex Pattern)[] DayWords =
    [
        ([DayOfWeek.Sunday], SundayWords()),
        ([DayOfWeek.Saturday], SaturdayWords()),
        ([DayOfWeek.Saturday, DayOfWeek.Sunday], WeekendWords()),
    ];

    public static IReadOnlyList<BoundaryBreach> Check(string text, EffectiveTerms terms, CultureInfo culture, string and)
    {
        var breaches = new List<BoundaryBreach>();
        foreach (Match sentence in Sentence().Matches(text))
        {
            var s = sentence.Value;
            var offset = sentence.Index;
            foreach (var (days, pattern) in DayWords)
            {
                if (pattern.Match(s) is not { Success: true } day)
                {
                    continue;
                }

                var (rule, allowed) = DeliveryWords().IsMatch(s) ? ("delivery-day", terms.DeliveryDays ?? terms.OpenDays)
                    : OpenWords().IsMatch(s) ? ("opening-day", terms.OpenDays)
                    : (null, null);
                if (rule is not null && allowed is not null && days.Any(d => !allowed.Contains(d)))
                {
                    breaches.Add(new(rule, offset + day.Index, day.Length, day.Value, day.Value, EffectiveTerms.DayNames(allowed, culture, and)));
                    break;
                }
            }

            if (terms is { OpensAt: { } opens, ClosesAt: { } closes } && (DeliveryWords().IsMatch(s) || OpenWords().IsMatch(s))
                && TimeAsked(s) is { } time && (time.At < opens || time.At > closes))
            {
                breaches.Add(new("opening-hours", offset + time.Index, time.Length, s.Substring(time.Index, time.Length), time.At.ToString("t", culture),
                    opens.ToString("t", culture) + "–" + closes.ToString("t", culture)));
            }

            if (terms.DepositPercent is > 0 && DepositWords().Match(s) is { Success: true } deposit && Waiver().IsMatch(s))
            {
                breaches.Add(new("deposit", offset + deposit.Index, deposit.Length, deposit.Value, deposit.Value, terms.DepositPercent.Value.ToString(culture)));
            }

            if (terms.MaxDiscountPercent is { } max && DiscountWords().IsMatch(s) && Percent().Match(s) is { Success: true } percent
                && decimal.TryParse(percent.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var asked) && asked > max)
            {
                breaches.Add(new("discount", offset + percent.Index, percent.Length, percent.Value, asked.ToString("0.##", culture), max.ToString("0.##", culture)));
            }

            if (terms.PaymentTermsDays is { } termsDays && PayWords().IsMatch(s) && DaysCount().Match(s) is { Success: true } count
                && int.TryParse(count.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var askedDays) && askedDays > termsDays)
            {
                breaches.Add(new("payment-terms", offset + count.Index, count.Length, count.Value, askedDays.ToString(culture), termsDays.ToString(culture)));
            }

            if (terms.ResponseHours is { } promised && ReplyWords().IsMatch(s) && Within().Match(s) is { Success: true } within
                && int.TryParse(within.Groups[1].Success ? within.Groups[1].Value : within.Groups[3].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount))
            {
                var unit = (within.Groups[2].Success ? within.Groups[2].Value : within.Groups[4].Value).ToLowerInvariant();
                var hours = unit.StartsWith('m') || unit.StartsWith('λ') ? amount / 60.0 : amount;
                if (hours < promised)
                {
                    breaches.Add(new("response-time", offset + within.Index, within.Length, within.Value, within.Value, promised.ToString(culture)));
                }
            }
        }

        return breaches;
    }

    /// A clock time in the sentence: "7pm", "7:30 am", "19:00", "alle 20", "στις 9 το βράδυ".
    private static (TimeOnly At, int Index, int Length)? TimeAsked(string sentence)
    {
        if (TwelveHour().Match(sentence) is { Success: true } twelve)
        {
            var hour = int.Parse(twelve.Groups[1].Value, CultureInfo.InvariantCulture) % 12;
            var minute = twelve.Groups[2].Success ? int.Parse(twelve.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var pm = twelve.Groups[3].Value.StartsWith('p') || twelve.Groups[3].Value.StartsWith('P');
            return hour <= 11 && minute <= 59 ? (new TimeOnly(pm ? hour + 12 : hour, minute), twelve.Index, twelve.Length) : null;
        }

        if (SpokenHour().Match(sentence) is { Success: true } spoken)
        {
            var hour = int.Parse(spoken.Groups[1].Value, CultureInfo.InvariantCulture);
            var minute = spoken.Groups[2].Success ? int.Parse(spoken.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var evening = spoken.Groups[3].Success && hour < 12;
            return hour <= 23 && minute <= 59 ? (new TimeOnly(evening ? hour + 12 : hour, minute), spoken.Index, spoken.Length) : null;
        }

        if (Clock().Match(sentence) is { Success: true } clock)
        {
            return (new TimeOnly(int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture)), clock.Index, clock.Length);
        }

        return null;
    }

    [GeneratedRegex(@"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap]\.?m\.?)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwelveHour();

    [GeneratedRegex(@"(?:\balle|\bverso le|στις)\s(\d{1,2})(?:[:.](\d{2}))?(\s(?:di sera|del pomeriggio|το βράδυ|το απόγευμα))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpokenHour();

    [GeneratedRegex(@"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();

    [GeneratedRegex(@"\b(repl\w*|respon\w*|answer\w*|get back|hear back|rispos\w*|rispond\w*|richiamat\w*|απάντησ\w*|απαντησ\w*|απαντήσ\w*|απαντ\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyWords();

    [GeneratedRegex(@"(?:\b(?:within|in|entro|tra|fra)\s(\d{1,3})\s?(hours?|hrs?|h|minutes?|mins?|ore|ora|minuti)\b)|(?:(?:μέσα σε|εντός)\s(\d{1,3})\s?(ώρες|ώρα|ωρών|ώρας|λεπτά|λεπτών))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Within();

    [GeneratedRegex("[^" + Interactions.Excerpts.SentenceMarks + "]+", RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\b(sundays?|domenic[ahe]|κυριακ[ηήέε]ς?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SundayWords();

    [GeneratedRegex(@"\b(saturdays?|sabat[oi]|σ[αά]ββατ[οα]|σαββάτου)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaturdayWords();

    [GeneratedRegex(@"\b(weekends?|week-end|fine settimana|σαββατοκ[υύ]ριακ[οα])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekendWords();

    [GeneratedRegex(@"\b(deliver\w*|ship\w*|drop\w* off|order\w*|goods|consegn\w*|spedi\w*|ordin\w*|merce|παραγγελ\w*|εμπορε[υύ]\w*|παρ[αά]δοσ\w*|παραδ[ωώ]σ\w*|παραδοθ\w*|αποστολ\w*|φέρετε|φερτε)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeliveryWords();

    [GeneratedRegex(@"\b(open\w*|come (by|in|over)|visit\w*|collect\w*|pick\w* up|apert\w*|apri\w*|passare|ritir\w*|παραλαβ\w*|παραλάβ\w*|ανοιχτ\w*|ανοικτ\w*|ανοίγ\w*|ανοιγ\w*|να περάσω)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpenWords();

    [GeneratedRegex(@"\b(deposit|down[- ]payment|upfront payment|acconto|caparra|anticipo|προκαταβολ\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DepositWords();

    [GeneratedRegex(@"\b(without|no|skip\w*|waive\w*|won'?t|not|don'?t|senza|non|niente|saltare|χωρίς|χωρις|δεν|όχι|οχι|μη)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Waiver();

    [GeneratedRegex(@"\b(discount\w*|off\b|reduc\w*|scont\w*|riduzion\w*|έκπτωσ\w*|εκπτωσ\w*|έκπτωση)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiscountWords();

    [GeneratedRegex(@"(\d{1,2}(?:[.,]\d{1,2})?)\s?(%|per ?cent|percent|per cento|τοις εκατό)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b(pay\w*|settl\w*|pag\w*|salda\w*|πληρ[ωώ]\w*|εξοφλ\w*|εξόφλ\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PayWords();

    [GeneratedRegex(@"\b(\d{2,3})\s?(days|giorni|gg|ημέρες|ημερών|ημερες|μέρες|μερες)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DaysCount();
}
