using System.Globalization;
using System.Text;
using CalmDesk.Analysis;
using CalmDesk.Interactions;
using CalmDesk.Localization;

namespace CalmDesk.Mail;

/// <summary>
/// Reads the rep's reply before it goes, as a calm colleague would over their shoulder: shouting or abuse in our own
/// words (the same analysis as the customer's, its unmistakable cues only); phrases that put the customer in the wrong ("you owe", "I told
/// you", "your fault"); sarcasm and condescension ("per my last email", "good luck with that", "with all due respect"),
/// or an eye-rolling emoji; and an internal note copied into the reply. Each finding names the words,
/// so the rep can edit them or send anyway.
/// </summary>
internal static class ReplyGuard
{
    /// Phrases that blame or lecture, folded (lower case, no accents), per kind. Ours, in the languages we serve.
    private static readonly (GuardKind Kind, string Phrase)[] Phrases =
    [
        (GuardKind.Owe, "you owe"), (GuardKind.Owe, "you still owe"), (GuardKind.Owe, "your debt"), (GuardKind.Owe, "pay what you owe"),
        (GuardKind.ToldYou, "i told you"), (GuardKind.ToldYou, "as i said"), (GuardKind.ToldYou, "as i already said"), (GuardKind.ToldYou, "as already explained"), (GuardKind.ToldYou, "as i told you before"), (GuardKind.ToldYou, "as i have already told you"),
        (GuardKind.ToldYou, "if you had read"), (GuardKind.ToldYou, "as stated in my previous"), (GuardKind.ToldYou, "for the last time"),
        (GuardKind.Blame, "your fault"), (GuardKind.Blame, "the fault is yours"), (GuardKind.Blame, "you should have read"), (GuardKind.Blame, "you should have checked"), (GuardKind.Blame, "you should have told us"), (GuardKind.Blame, "you should have paid"), (GuardKind.Blame, "you failed to"), (GuardKind.Blame, "you didn't read"),
        (GuardKind.Blame, "you did not read"), (GuardKind.Blame, "not our problem"), (GuardKind.Blame, "not our fault"), (GuardKind.Blame, "you clearly"),
        (GuardKind.Owe, "ci deve"), (GuardKind.Owe, "ci dovete"), (GuardKind.Owe, "il suo debito"), (GuardKind.Owe, "deve ancora pagare"),
        (GuardKind.ToldYou, "gliel'avevo detto"), (GuardKind.ToldYou, "gliel'ho gia detto"), (GuardKind.ToldYou, "come le ho gia detto"), (GuardKind.ToldYou, "come gia detto"),
        (GuardKind.ToldYou, "come le avevo detto"), (GuardKind.ToldYou, "come le avevo gia detto"), (GuardKind.ToldYou, "come vi avevo detto"), (GuardKind.ToldYou, "come vi ho gia detto"), (GuardKind.ToldYou, "se avesse letto"), (GuardKind.ToldYou, "per l'ennesima volta"),
        (GuardKind.Blame, "colpa sua"), (GuardKind.Blame, "la colpa e sua"), (GuardKind.Blame, "la colpa e vostra"), (GuardKind.Blame, "colpa vostra"), (GuardKind.Blame, "avrebbe dovuto leggere"), (GuardKind.Blame, "avrebbe dovuto controllare"), (GuardKind.Blame, "avrebbe dovuto avvisarci"), (GuardKind.Blame, "avreste dovuto leggere"),
        (GuardKind.Blame, "non ha letto"), (GuardKind.Blame, "non e un nostro problema"), (GuardKind.Blame, "non e colpa nostra"),
        (GuardKind.Owe, "μας χρωστατε"), (GuardKind.Owe, "μας οφειλετε"), (GuardKind.Owe, "το χρεος σας"),
        (GuardKind.ToldYou, "σας το ειχα πει"), (GuardKind.ToldYou, "σας το ειπα"), (GuardKind.ToldYou, "οπως σας ειπα"), (GuardKind.ToldYou, "οπως ηδη σας εξηγησα"),
        (GuardKind.ToldYou, "αν ειχατε διαβασει"), (GuardKind.ToldYou, "για τελευταια φορα"),
        (GuardKind.Blame, "δικο σας λαθος"), (GuardKind.Blame, "φταιτε εσεις"), (GuardKind.Blame, "επρεπε να ειχατε διαβασει"), (GuardKind.Blame, "επρεπε να ειχατε ελεγξει"), (GuardKind.Blame, "δεν διαβασατε"),
        (GuardKind.Blame, "δεν ειναι δικο μας προβλημα"), (GuardKind.Blame, "δεν φταιμε εμεις"),
        (GuardKind.Owe, "usted nos debe"), (GuardKind.ToldYou, "como ya le dije"), (GuardKind.Blame, "es culpa suya"), (GuardKind.Blame, "deberia haber leido"),
        (GuardKind.Owe, "vous nous devez"), (GuardKind.ToldYou, "comme je vous l'ai dit"), (GuardKind.Blame, "c'est votre faute"), (GuardKind.Blame, "vous auriez du lire"),
        (GuardKind.Owe, "sie schulden uns"), (GuardKind.ToldYou, "wie ich ihnen bereits sagte"), (GuardKind.Blame, "ihre schuld"), (GuardKind.Blame, "sie hatten lesen sollen"),
        (GuardKind.Owe, "o senhor nos deve"), (GuardKind.ToldYou, "como ja lhe disse"), (GuardKind.Blame, "culpa sua"), (GuardKind.Blame, "deveria ter lido"),
        // Sarcasm and condescension: the turns of phrase that mean the opposite of what they say, or talk down.
        (GuardKind.Sarcasm, "per my last email"), (GuardKind.Sarcasm, "as per my last email"), (GuardKind.Sarcasm, "per my previous email"), (GuardKind.Sarcasm, "as you would know"),
        (GuardKind.Sarcasm, "as you should know"), (GuardKind.Sarcasm, "as anyone would know"), (GuardKind.Sarcasm, "as you are no doubt aware"), (GuardKind.Sarcasm, "with all due respect"),
        (GuardKind.Sarcasm, "no offence, but"), (GuardKind.Sarcasm, "no offense, but"), (GuardKind.Sarcasm, "no offence but"), (GuardKind.Sarcasm, "no offense but"),
        (GuardKind.Sarcasm, "good luck with that"), (GuardKind.Sarcasm, "nice try"), (GuardKind.Sarcasm, "congratulations on finally"), (GuardKind.Sarcasm, "thanks for finally"),
        (GuardKind.Sarcasm, "thank you for finally"), (GuardKind.Sarcasm, "glad you finally"), (GuardKind.Sarcasm, "i'm sure you're very busy"), (GuardKind.Sarcasm, "i am sure you are very busy"),
        (GuardKind.Sarcasm, "let me spell it out"), (GuardKind.Sarcasm, "let me make this simple"), (GuardKind.Sarcasm, "hope this is clear enough"), (GuardKind.Sarcasm, "hopefully this is clear enough"),
        (GuardKind.Sarcasm, "hopefully that is clear now"), (GuardKind.Sarcasm, "surprise, surprise"), (GuardKind.Sarcasm, "surprise surprise"),
        (GuardKind.Sarcasm, "come da mia precedente"), (GuardKind.Sarcasm, "come da mia ultima"), (GuardKind.Sarcasm, "con tutto il rispetto"), (GuardKind.Sarcasm, "senza offesa, ma"),
        (GuardKind.Sarcasm, "senza offesa ma"), (GuardKind.Sarcasm, "complimenti, finalmente"), (GuardKind.Sarcasm, "grazie per aver finalmente"),
        (GuardKind.Sarcasm, "glielo spiego in parole semplici"), (GuardKind.Sarcasm, "spero che ora sia chiaro"), (GuardKind.Sarcasm, "spero sia abbastanza chiaro"), 
        (GuardKind.Sarcasm, "come dovrebbe sapere"), (GuardKind.Sarcasm, "come chiunque sa"), 
        (GuardKind.Sarcasm, "με ολο τον σεβασμο"), (GuardKind.Sarcasm, "με ολο το σεβασμο"), (GuardKind.Sarcasm, "χωρις παρεξηγηση, αλλα"), (GuardKind.Sarcasm, "καλη τυχη με αυτο"),
        (GuardKind.Sarcasm, "συγχαρητηρια που επιτελους"), (GuardKind.Sarcasm, "ευχαριστω που επιτελους"), (GuardKind.Sarcasm, "ελπιζω τωρα να ειναι σαφες"), (GuardKind.Sarcasm, "ελπιζω να ειναι αρκετα σαφες"),
        (GuardKind.Sarcasm, "θα σας το εξηγησω απλα"), (GuardKind.Sarcasm, "οπως θα επρεπε να ξερετε"), (GuardKind.Sarcasm, "οπως ολοι ξερουν"), 
        (GuardKind.Sarcasm, "con todo respeto"), (GuardKind.Sarcasm, "como deberia saber"), (GuardKind.Sarcasm, "espero que ahora quede claro"), (GuardKind.Sarcasm, "buena suerte con eso"),
        (GuardKind.Sarcasm, "sauf votre respect"), (GuardKind.Sarcasm, "comme vous devriez le savoir"), (GuardKind.Sarcasm, "j'espere que c'est clair maintenant"), (GuardKind.Sarcasm, "bonne chance avec ca"),
        (GuardKind.Sarcasm, "bei allem respekt"), (GuardKind.Sarcasm, "wie sie wissen sollten"), (GuardKind.Sarcasm, "ich hoffe, das ist jetzt klar"), (GuardKind.Sarcasm, "viel gluck damit"),
        (GuardKind.Sarcasm, "\U0001F644"), (GuardKind.Sarcasm, "\U0001F612"),
        (GuardKind.Sarcasm, "com todo o respeito"), (GuardKind.Sarcasm, "como deveria saber"), (GuardKind.Sarcasm, "espero que agora esteja claro"), (GuardKind.Sarcasm, "boa sorte com isso"),
    ];

    /// Words in a row shared with an internal note that make it a copy rather than a coincidence.
    public const int CopiedWords = 8;

    /// Checks the reply against its own words and the case's private texts (internal notes, the resolution).
    public static IReadOnlyList<GuardFinding> Check(string reply, IEnumerable<string> privateTexts, MessageAnalyzer analyzer)
    {
        var findings = new List<GuardFinding>();
        var analysis = analyzer.Analyze(reply);
        // The model's anger probability is learned from customers' messages and reads our empathy ("I understand how
        // frustrating this is") as anger; in our own words only the unmistakable cues count: shouting in capitals,
        // runs of exclamation marks, and abuse aimed at the reader as sure as an incident would need.
        var shouted = Spans(reply, analysis.Evidence.Where(e => e.Label == "anger" && e.Rule is "caps" or "exclamations"));
        if (shouted.Count > 0)
        {
            findings.Add(new GuardFinding(GuardKind.Anger, shouted));
        }

        if (analysis.Abuse is { Targeted: true, Score: >= 0.7 })
        {
            findings.Add(new GuardFinding(GuardKind.Abuse, Spans(reply, analysis.Evidence.Where(e => e.Label.StartsWith("abuse", StringComparison.Ordinal)))));
        }

        var folded = FoldKeepingLength(reply);
        foreach (var group in Phrases.GroupBy(p => p.Kind))
        {
            var words = new List<string>();
            foreach (var (_, phrase) in group)
            {
                for (var at = folded.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
                {
                    if (IsWordStart(folded, at) && IsWordEnd(folded, at + phrase.Length))
                    {
                        words.Add(reply.Substring(at, phrase.Length));
                    }
                }
            }

            if (words.Count > 0)
            {
                findings.Add(new GuardFinding(group.Key, [.. words.Distinct(StringComparer.Ordinal)]));
            }
        }

        var copied = Copied(reply, privateTexts);
        if (copied.Count > 0)
        {
            findings.Add(new GuardFinding(GuardKind.InternalNote, copied));
        }

        return findings;
    }

    private static List<string> Spans(string text, IEnumerable<Evidence> evidence) =>
        [.. evidence.Where(e => e.Length > 0 && e.Offset >= 0 && e.Offset + e.Length <= text.Length)
            .OrderByDescending(e => e.Weight).Take(3).OrderBy(e => e.Offset)
            .Select(e => text.Substring(e.Offset, e.Length)).Distinct(StringComparer.Ordinal)];

    /// Runs of at least <see cref="CopiedWords"/> words of the reply that also appear, in order, in a private text.
    private static List<string> Copied(string reply, IEnumerable<string> privateTexts)
    {
        var replyWords = Words(reply);
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in privateTexts)
        {
            var words = Words(text);
            for (var i = 0; i + CopiedWords <= words.Count; i++)
            {
                shingles.Add(string.Join(' ', words.Skip(i).Take(CopiedWords).Select(w => w.Folded)));
            }
        }

        var found = new List<string>();
        var covered = -1;
        for (var i = 0; i + CopiedWords <= replyWords.Count; i++)
        {
            if (i <= covered || !shingles.Contains(string.Join(' ', replyWords.Skip(i).Take(CopiedWords).Select(w => w.Folded))))
            {
                continue;
            }

            var end = i + CopiedWords - 1;
            while (end + 1 < replyWords.Count && shingles.Contains(string.Join(' ', replyWords.Skip(end + 2 - CopiedWords).Take(CopiedWords).Select(w => w.Folded))))
            {
                end++;
            }

            found.Add(Excerpts.Shorten(reply[replyWords[i].Start..(replyWords[end].Start + replyWords[end].Length)], 160));
            covered = end;
        }

        return found;
    }

    private static List<(string Folded, int Start, int Length)> Words(string text)
    {
        var words = new List<(string, int, int)>();
        var folded = FoldKeepingLength(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var letter = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add((folded[start..i], start, i - start));
                start = -1;
            }
        }

        return words;
    }

    /// Lower case without accents, one character for each of the text's, so offsets stay valid; ’ becomes '. Each half
    /// of an emoji (a surrogate pair) is kept as it is: on its own it cannot be normalised.
    private static string FoldKeepingLength(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsSurrogate(ch))
            {
                builder.Append(ch);
                continue;
            }

            var baseChar = ch.ToString().Normalize(NormalizationForm.FormD)[0];
            builder.Append(baseChar is '\u2019' or '\u02bc' ? '\'' : char.ToLower(baseChar, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// A finding in the reader's language, with the words it rests on.
    public static string Describe(GuardFinding finding)
    {
        var words = string.Join(" · ", finding.Words.Select(w => "\u201c" + w + "\u201d"));
        return finding.Kind switch
        {
            GuardKind.Anger => Messages.Format("Our words shout: {0}", words),
            GuardKind.Abuse => Messages.Format("Our words could read as insulting: {0}", words),
            GuardKind.Owe => Messages.Format("“You owe” accuses; name the invoice and the amount instead: {0}", words),
            GuardKind.ToldYou => Messages.Format("“I told you” lectures; say it again, simply: {0}", words),
            GuardKind.Blame => Messages.Format("This puts the blame on the customer: {0}", words),
            GuardKind.Sarcasm => Messages.Format("This may read as sarcastic or condescending; say it plainly: {0}", words),
            _ => Messages.Format("This looks copied from an internal note: {0}", words),
        };
    }

    private static bool IsWordStart(string text, int at) => at == 0 || !char.IsLetterOrDigit(text[at - 1]);

    private static bool IsWordEnd(string text, int at) => at >= text.Length || !char.IsLetterOrDigit(text[at]);
}

/// What the guard found in a reply.
internal enum GuardKind
{
    /// Shouting in our own words: capitals, runs of exclamation marks.
    Anger,

    /// Words that insult or belittle.
    Abuse,

    /// "You owe": money talk that accuses.
    Owe,

    /// "I told you", "as I said": a lecture.
    ToldYou,

    /// "Your fault", "you should have": blame.
    Blame,

    /// A private note (a call note, the case's resolution) copied into the reply.
    InternalNote,

    /// "Per my last email", "good luck with that": sarcasm or condescension.
    Sarcasm,
}

/// One finding, with the words it rests on.
internal sealed record GuardFinding(GuardKind Kind, IReadOnlyList<string> Words);
