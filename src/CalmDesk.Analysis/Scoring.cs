namespace CalmDesk.Analysis;

/// <summary>Turns lexicon matches and surface cues into calibrated scores with evidence.</summary>
/// <remarks>Each verdict is a logistic function of a raw sum of weights; the offsets put 0.5 where the
/// hand-labelled examples separate best (see docs/analysis-quality.md). Kept in one place so the
/// weights can be refitted without touching the rules that find the evidence.</remarks>
internal sealed class Scoring(MessageParts parts, List<Token> tokens, List<Lexicon> lexicons)
{
    private readonly string _text = parts.Text;

    // Raw sums at which each verdict crosses 0.5, and how steeply.
    private const double AngerMidpoint = 1.2, AngerSlope = 1.8;
    private const double AbuseMidpoint = 1.3, AbuseSlope = 2.2;
    private const double FindingMidpoint = 1.0, FindingSlope = 2.5;
    private const int TargetWindow = 4;

    private static readonly HashSet<string> AcronymsAndCodes = new(StringComparer.Ordinal)
    {
        "pdf", "usb", "vat", "iva", "fpa", "ddt", "sku", "eta", "asap", "faq", "ceo", "cfo", "crm", "erp", "api", "url", "ok", "tv", "pc", "uk", "usa", "eu", "ue", "spa", "srl", "ltd", "plc", "gmbh", "ae", "ike", "oe",
    };

    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(",.;:!?\n");

    private static readonly HashSet<string> Complaints = new(StringComparer.Ordinal)
    {
        "situation:wrong_delivery", "situation:billing_dispute", "situation:late_response_complaint", "situation:price_objection",
        "situation:change_resistance", "situation:refund_demand", "situation:credibility_challenge",
    };

    private readonly List<Evidence> _evidence = [];

    public AnalysisResult Run(LanguageGuess language, IReadOnlyList<SetAsidePart> setAside, List<string> notes)
    {
        var matches = FindMatches();
        var negatedAt = new int[tokens.Count]; // words since the nearest negator in the clause; 0 = none
        var intensified = new double[tokens.Count];
        var targets = new List<int>();
        var selves = new List<int>();
        foreach (var (entry, start, count) in matches)
        {
            switch (entry.Label)
            {
                case "negator":
                    // A negator reaches the next three words of its clause ("not angry", "non sono affatto
                    // arrabbiato"), not past a comma: "not angry, just disappointed" stays disappointed.
                    for (var i = start + count; i < Math.Min(tokens.Count, start + count + 3) && !ClauseBreakBefore(i); i++)
                    {
                        negatedAt[i] = i - start - count + 1;
                    }

                    break;
                case "intensifier":
                    if (start + count < tokens.Count)
                    {
                        intensified[start + count] = Math.Max(intensified[start + count], entry.Weight);
                    }

                    break;
                case "target":
                    targets.Add(start);
                    break;
                case "self":
                    selves.Add(start);
                    break;
                default:
                    break;
            }
        }

        var anger = 0.0;
        var abuse = 0.0;
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        var targeted = false;
        var findings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (entry, start, count) in matches)
        {
            var weight = entry.Weight * (intensified[start] > 0 ? intensified[start] : 1);
            // Tone words are turned by a negator up to three words before; threats and situations only by the
            // next two ("will not cancel", but "not resolved, my lawyer…" is still a threat).
            var reach = entry.Label is "anger" or "calm" ? 3 : 2;
            var isNegated = negatedAt[start] > 0 && negatedAt[start] <= reach && !entry.Label.StartsWith("abuse:", StringComparison.Ordinal);
            var rule = $"lexicon:{entry.Language}:{entry.Phrase}";
            switch (entry.Label)
            {
                case "anger":
                    weight = isNegated ? -0.3 * entry.Weight : weight;
                    anger += weight;
                    Add(start, count, "anger", isNegated ? rule + " (negated)" : rule, weight);
                    break;
                case "calm":
                    // "not acceptable", "non va bene", "δεν είναι αποδεκτό": a negated courtesy is a complaint.
                    weight = isNegated ? 0.8 : weight;
                    anger += weight;
                    Add(start, count, "anger", isNegated ? rule + " (negated)" : rule, weight);
                    break;
                case var label when label.StartsWith("abuse:", StringComparison.Ordinal):
                    var kind = label["abuse:".Length..];
                    // Aimed at the reader when "you" is near and nearer than "we/us" ("you must think we're stupid" is not an insult).
                    var aimed = kind is "threat_of_violence" or "harassment" or "discriminatory" || AimedAtReader(targets, selves, start);
                    // Swearing at a printer is not abuse of the rep: untargeted abuse counts far less.
                    var abuseWeight = aimed ? weight : weight * 0.2;
                    abuse += abuseWeight;
                    anger += 0.6 * weight;
                    targeted |= aimed;
                    kinds.Add(kind);
                    Add(start, count, label, aimed ? rule + " (aimed at the reader)" : rule, abuseWeight);
                    break;
                case var label when label.StartsWith("threat:", StringComparison.Ordinal) || label.StartsWith("situation:", StringComparison.Ordinal):
                    if (isNegated)
                    {
                        break;
                    }

                    findings[label] = findings.GetValueOrDefault(label) + weight;
                    if (label.StartsWith("threat:", StringComparison.Ordinal))
                    {
                        anger += 0.35 * weight;
                    }
                    else if (Complaints.Contains(label))
                    {
                        // A complaint is itself a sign of displeasure, even in calm words.
                        anger += 0.25 * weight;
                    }

                    Add(start, count, label, rule, weight);
                    break;
                default:
                    break;
            }
        }

        anger += SurfaceCues() + EmojiCues();
        var angerScore = Logistic(anger, AngerMidpoint, AngerSlope);
        var abuseScore = abuse <= 0 ? 0 : Logistic(abuse, AbuseMidpoint, AbuseSlope);
        var threats = Findings(findings, "threat:");
        var situations = Findings(findings, "situation:");
        if (situations.Any(s => s.Kind == "praise") && angerScore >= 0.5)
        {
            // "Thanks for nothing" is not praise.
            situations = [.. situations.Where(s => s.Kind != "praise")];
        }

        return new AnalysisResult(
            _text,
            language,
            new AngerVerdict(Math.Round(angerScore, 3), Level(angerScore)),
            new AbuseVerdict(Math.Round(abuseScore, 3), [.. kinds], targeted && abuseScore >= 0.5),
            threats,
            situations,
            [.. _evidence.OrderBy(e => e.Offset).ThenBy(e => e.Label, StringComparer.Ordinal)],
            setAside,
            notes);
    }

    private List<(LexiconEntry Entry, int Start, int Count)> FindMatches()
    {
        var all = new List<(LexiconEntry Entry, int Start, int Count)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var lexicon in lexicons)
            {
                lexicon.MatchAt(tokens, i, all);
            }
        }

        // Per label, a word counts once: the longest phrase covering it wins ("not happy" over "happy").
        var kept = new List<(LexiconEntry Entry, int Start, int Count)>();
        var covered = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var match in all.OrderByDescending(m => m.Count).ThenBy(m => m.Start))
        {
            var group = match.Entry.Label is "anger" or "calm" ? "tone" : match.Entry.Label;
            if (!covered.TryGetValue(group, out var set))
            {
                covered[group] = set = [];
            }

            if (Enumerable.Range(match.Start, match.Count).Any(set.Contains))
            {
                continue;
            }

            set.UnionWith(Enumerable.Range(match.Start, match.Count));
            kept.Add(match);
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>Shouting and repeated punctuation. Capitals count only on real words: codes with digits
    /// (SO-24000, A4), short acronyms and known abbreviations are not shouting.</summary>
    private double SurfaceCues()
    {
        var weight = 0.0;
        var shouted = tokens.Where(t => t.AllCaps && !t.HasDigit && t.Length >= 3 && !AcronymsAndCodes.Contains(t.Folded)).ToList();
        var wordCount = tokens.Count(t => !t.HasDigit && t.Length >= 2);
        if (shouted.Count > 0 && (shouted.Count >= 2 || shouted[0].Length >= 5))
        {
            var ratio = wordCount == 0 ? 0 : (double)shouted.Count / wordCount;
            var capsWeight = ratio > 0.6 && wordCount >= 3 ? 1.2 : Math.Min(1.0, 0.4 * shouted.Count);
            weight += capsWeight;
            foreach (var token in shouted)
            {
                AddSpan(token.Offset, token.Length, "anger", "caps", capsWeight / shouted.Count);
            }
        }

        for (var i = 0; i < parts.JudgedEnd; i++)
        {
            if (_text[i] is not ('!' or '?') || !parts.IsJudged(i))
            {
                continue;
            }

            var start = i;
            var bangs = 0;
            while (i < parts.JudgedEnd && _text[i] is '!' or '?' or '1')
            {
                bangs += _text[i] == '!' ? 1 : 0;
                i++;
            }

            var run = i - start;
            if (run >= 2 && bangs >= 1)
            {
                var runWeight = run >= 3 ? 0.9 : 0.5;
                weight += runWeight;
                AddSpan(start, run, "anger", "exclamations", runWeight);
            }
        }

        return weight;
    }

    /// <summary>True when punctuation that ends a clause stands between token index-1 and token index.</summary>
    private bool ClauseBreakBefore(int index)
    {
        if (index == 0)
        {
            return false;
        }

        var from = tokens[index - 1].Offset + tokens[index - 1].Length;
        return _text.AsSpan(from, tokens[index].Offset - from).IndexOfAny(ClauseBreaks) >= 0;
    }

    /// <summary>Angry faces and rude gestures raise anger; smiles and thanks lower it.</summary>
    private double EmojiCues()
    {
        var weight = 0.0;
        for (var i = 0; i + 1 < parts.JudgedEnd; i++)
        {
            // The faces and gestures that matter are all outside the Basic Multilingual Plane.
            if (!char.IsHighSurrogate(_text[i]) || !char.IsLowSurrogate(_text[i + 1]) || !parts.IsJudged(i))
            {
                continue;
            }

            var index = i++;
            var cue = char.ConvertToUtf32(_text[index], _text[index + 1]) switch
            {
                0x1F621 or 0x1F620 or 0x1F92C or 0x1F595 or 0x1F4A9 or 0x1F624 => 0.7,
                0x1F612 or 0x1F644 or 0x1F611 or 0x1F926 => 0.4,
                0x1F642 or 0x1F60A or 0x1F44D or 0x1F64F or 0x1F600 or 0x1F603 or 0x1F917 => -0.4,
                _ => 0,
            };
            if (cue != 0)
            {
                weight += cue;
                AddSpan(index, 2, "anger", "emoji", cue);
            }
        }

        return weight;
    }

    private static List<Finding> Findings(Dictionary<string, double> sums, string prefix) =>
        [.. sums.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => new Finding(s.Key[prefix.Length..], Math.Round(Logistic(s.Value, FindingMidpoint, FindingSlope), 3)))
            .Where(f => f.Score >= 0.5)
            .OrderByDescending(f => f.Score).ThenBy(f => f.Kind, StringComparer.Ordinal)];

    private static bool AimedAtReader(List<int> targets, List<int> selves, int index)
    {
        var target = targets.Where(t => Math.Abs(t - index) <= TargetWindow).Select(t => Math.Abs(t - index)).DefaultIfEmpty(int.MaxValue).Min();
        var self = selves.Where(t => t < index && index - t <= TargetWindow).Select(t => index - t).DefaultIfEmpty(int.MaxValue).Min();
        return target != int.MaxValue && target < self;
    }

    private void Add(int startToken, int count, string label, string rule, double weight)
    {
        var first = tokens[startToken];
        var last = tokens[startToken + count - 1];
        AddSpan(first.Offset, last.Offset + last.Length - first.Offset, label, rule, weight);
    }

    private void AddSpan(int offset, int length, string label, string rule, double weight) =>
        _evidence.Add(new Evidence(offset, length, label, rule, Math.Round(weight, 3)));

    private static double Logistic(double raw, double midpoint, double slope) => 1 / (1 + Math.Exp(-slope * (raw - midpoint)));

    private static AngerLevel Level(double score) => score switch
    {
        >= 0.8 => AngerLevel.Furious,
        >= 0.5 => AngerLevel.Angry,
        >= 0.3 => AngerLevel.Annoyed,
        _ => AngerLevel.Calm,
    };
}
