using System.Buffers;
using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis;

/// <summary>Whom an abusive word is aimed at.</summary>
internal enum Aim
{
    /// <summary>At nobody in particular, or at things ("this fucking printer").</summary>
    Unaimed,

    /// <summary>At the reader: "you" is near and nearer than "we".</summary>
    Aimed,

    /// <summary>At the writer's own side: "you must think we're stupid".</summary>
    Self,
}

/// <summary>A word of the judged text as the learned model sees it: folded, whether a negator reaches it,
/// and whom it would be aimed at if it were abusive.</summary>
internal readonly record struct WordFeature(string Word, int TokenIndex, bool Negated, Aim Aim);

/// <summary>Turns lexicon matches, surface cues and the learned model into calibrated scores with evidence.</summary>
/// <remarks>The rules give raw sums (anger; abuse aimed at the reader; abuse aimed at nobody); the language's
/// <see cref="Model"/> turns them, plus its fitted word weights, into logits. Keeping the two apart lets the
/// training tool refit the model without touching the rules that find the evidence.</remarks>
internal sealed class Scoring
{
    private const double FindingMidpoint = 1.0, FindingSlope = 2.5;
    private const int TargetWindow = 4;

    // Lexicon weights below this are mild oaths (damn, hell, porca miseria, να πάρει).
    private const double MildOath = 1.0;

    private static readonly HashSet<string> AcronymsAndCodes = new(StringComparer.Ordinal)
    {
        "pdf", "usb", "vat", "iva", "fpa", "ddt", "sku", "eta", "asap", "faq", "ceo", "cfo", "crm", "erp", "api", "url", "ok", "tv", "pc", "uk", "usa", "eu", "ue", "spa", "srl", "ltd", "plc", "gmbh", "ae", "ike", "oe",
    };

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",.;:!?\n");

    private static readonly HashSet<string> Complaints = new(StringComparer.Ordinal)
    {
        "situation:wrong_delivery", "situation:billing_dispute", "situation:late_response_complaint", "situation:price_objection",
        "situation:change_resistance", "situation:refund_demand", "situation:credibility_challenge",
    };

    private static readonly string[] AbuseKindOrder = ["discriminatory", "harassment", "insult", "profanity", "threat_of_violence"];
    private const int Insult = 2, Profanity = 3;

    // The kinds of abuse as a list, for each set of kinds (bits over AbuseKindOrder), built once.
    private static readonly string[][] KindLists = [.. Enumerable.Range(0, 1 << AbuseKindOrder.Length)
        .Select(bits => AbuseKindOrder.Where((_, k) => (bits & (1 << k)) != 0).ToArray())];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AcronymsAndCodesBySpan = AcronymsAndCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    // The message being scored; the buffers below are reused from one message to the next.
    private MessageParts _parts = null!;
    private string _text = "";
    private TokenList _tokens = null!;
    private List<Lexicon> _lexicons = null!;
    private Vocabulary _vocabulary = null!;
    private readonly List<Evidence> _evidence = [];
    private readonly List<Match> _matches = [];
    private int[] _negatedAt = new int[64]; // words since the nearest negator in the clause; 0 = none
    private bool[] _abuseRuleAt = new bool[64]; // a rule already names the kind of abuse at this word
    private double[] _intensified = new double[64];
    private ulong[] _covered = new ulong[64];
    private readonly List<int> _targets = [];
    private readonly List<int> _selves = [];
    private readonly List<(string Label, string Kind, double Sum)> _findings = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _kinds; // bits over AbuseKindOrder
    private bool _targetedByRules;

    /// <summary>Scores one message, replacing whatever this instance scored before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(MessageParts parts, TokenList tokens, List<Lexicon> lexicons, Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _parts = parts;
        _text = parts.Text;
        _tokens = tokens;
        _lexicons = lexicons;
        _evidence.Clear();
        _matches.Clear();
        _targets.Clear();
        _selves.Clear();
        _findings.Clear();
        _kinds = 0;
        _targetedByRules = false;
        (AngerRules, AbuseAimed, AbuseUnaimed) = (0, 0, 0);
        Reset(ref _negatedAt, tokens.Count);
        Reset(ref _abuseRuleAt, tokens.Count);
        Reset(ref _intensified, tokens.Count);
        Reset(ref _covered, tokens.Count);
        Evaluate();
    }

    private static void Reset<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count)
        {
            buffer = new T[Math.Max(count, buffer.Length * 2)];
        }
        else
        {
            Array.Clear(buffer, 0, count);
        }
    }

    /// <summary>Raw anger from the rules: lexicon tone words, threats, complaints, abuse, shouting, emoji.</summary>
    public double AngerRules { get; private set; }

    /// <summary>Raw abuse from rule matches aimed at the reader.</summary>
    public double AbuseAimed { get; private set; }

    /// <summary>Raw abuse from rule matches aimed at nobody in particular.</summary>
    public double AbuseUnaimed { get; private set; }

    /// <summary>Every distinct content word once (its first occurrence), for the model's training.</summary>
    public IEnumerable<WordFeature> Words()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Count; i++)
        {
            if (IsContentWord(i) && _tokens.FoldedString(i) is var word && seen.Add(word))
            {
                yield return new WordFeature(word, i, IsNegated(i, 3), AimAt(i));
            }
        }
    }

    /// <summary>True for a word the model can weigh (no digits, two letters or more, not an elided article).
    /// The model and its training read the same words, each once: its first occurrence.</summary>
    private bool IsContentWord(int index)
    {
        ref readonly var token = ref _tokens[index];
        // An elided article ("l'", "dell'") carries no tone.
        return !token.HasDigit && token.FoldedLength >= 2 && _tokens.Folded(index)[^1] != '\'';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AnalysisResult Run(LanguageGuess language, Model model, IReadOnlyList<SetAsidePart> setAside, IReadOnlyList<string> notes)
    {
        var angerLogit = model.AngerBias + (model.AngerRules * AngerRules);
        var abuseModel = 0.0;
        var targeted = _targetedByRules;
        _seen.Clear();
        for (var i = 0; model.HasWords && i < _tokens.Count; i++)
        {
            // Only words the model weighs matter here, so "first occurrence" is checked on those alone.
            if (!IsContentWord(i) || _tokens.Info(i)?.Models[model.Index] is not { } word || !_seen.Add(word.Word))
            {
                continue;
            }

            ref readonly var token = ref _tokens[i];
            if (word.Anger is { } angerWeight && !IsNegated(i, 3))
            {
                angerLogit += angerWeight;
                AddSpan(token.Offset, token.Length, "anger", word.Rule, angerWeight);
            }

            if (word.Abuse is { } abuseWeight)
            {
                var aim = AimAt(i);
                if (aim == Aim.Self)
                {
                    continue;
                }

                abuseModel += abuseWeight;
                var kind = aim == Aim.Aimed ? Insult : Profanity;
                if (!_abuseRuleAt[i])
                {
                    _kinds |= 1 << kind;
                }

                targeted |= aim == Aim.Aimed;
                AddSpan(token.Offset, token.Length, aim == Aim.Aimed ? "abuse:insult" : "abuse:profanity", aim == Aim.Aimed ? word.AimedRule : word.Rule, abuseWeight);
            }
        }

        var angerScore = Logistic(angerLogit);
        var anyAbuse = AbuseAimed + AbuseUnaimed + abuseModel > 0;
        var abuseScore = anyAbuse ? Logistic(model.AbuseBias + (model.AbuseAimed * AbuseAimed) + (model.AbuseUnaimed * AbuseUnaimed) + abuseModel) : 0;
        var threats = Findings("threat:", angerScore);
        var situations = Findings("situation:", angerScore);
        _evidence.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : string.CompareOrdinal(a.Label, b.Label));
        return new AnalysisResult(
            _text,
            language,
            new AngerVerdict(Math.Round(angerScore, 3), AngerVerdict.LevelOf(angerScore)),
            new AbuseVerdict(Math.Round(abuseScore, 3), KindLists[_kinds], targeted && abuseScore >= 0.5),
            threats,
            situations,
            _evidence.Count == 0 ? [] : _evidence.ToArray(),
            setAside,
            notes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Evaluate()
    {
        FindMatches();
        var intensified = _intensified;
        foreach (var (entry, start, count, _) in _matches)
        {
            switch (entry.Label)
            {
                case "negator":
                    // A negator reaches the next three words of its clause ("not angry", "non sono affatto
                    // arrabbiato"), not past a comma: "not angry, just disappointed" stays disappointed.
                    for (var i = start + count; i < Math.Min(_tokens.Count, start + count + 3) && !ClauseBreakBefore(i); i++)
                    {
                        _negatedAt[i] = i - start - count + 1;
                    }

                    break;
                case "intensifier":
                    if (start + count < _tokens.Count)
                    {
                        intensified[start + count] = Math.Max(intensified[start + count], entry.Weight);
                    }

                    break;
                case "target":
                    _targets.Add(start);
                    break;
                case "self":
                    _selves.Add(start);
                    break;
                default:
                    break;
            }
        }

        var anger = 0.0;
        foreach (var (entry, start, count, _) in _matches)
        {
            var weight = entry.Weight * (intensified[start] > 0 ? intensified[start] : 1);
            // Tone words are turned by a negator up to three words before; threats and situations only by the
            // next two ("will not cancel", but "not resolved, my lawyer…" is still a threat).
            var isNegated = IsNegated(start, entry.Label is "anger" or "calm" ? 3 : 2);
            switch (entry.Label)
            {
                case "anger":
                    weight = isNegated ? -0.3 * entry.Weight : weight;
                    anger += weight;
                    Add(start, count, "anger", isNegated ? entry.NegatedRule : entry.Rule, weight);
                    break;
                case "calm":
                    // "not acceptable", "non va bene", "δεν είναι αποδεκτό": a negated courtesy is a complaint.
                    weight = isNegated ? 0.8 : weight;
                    anger += weight;
                    Add(start, count, "anger", isNegated ? entry.NegatedRule : entry.Rule, weight);
                    break;
                case "negator" or "intensifier" or "target" or "self":
                    break;
                default:
                    if (entry.AbuseKind.Length > 0)
                    {
                        anger += 0.6 * weight;
                        for (var i = start; i < start + count; i++)
                        {
                            _abuseRuleAt[i] = true;
                        }

                        // Threats of violence, harassment and slurs are aimed at someone by nature; other words
                        // are aimed at the reader when "you" is near and nearer than "we/us".
                        var aim = entry.AbuseKind is "threat_of_violence" or "harassment" or "discriminatory" ? Aim.Aimed : AimAt(start);
                        if (aim == Aim.Self)
                        {
                            // "You must think we're stupid": the writer's own side, not abuse; still a sign of temper.
                            Add(start, count, "anger", entry.SelfRule, 0.6 * weight);
                            break;
                        }

                        // Swearing at a printer is abusive language, but not abuse of the rep: it counts towards the
                        // score with its own (smaller) coefficient and never makes the verdict "targeted".
                        if (aim == Aim.Aimed)
                        {
                            AbuseAimed += weight;
                            _targetedByRules = true;
                        }
                        else if (entry.Weight >= MildOath)
                        {
                            AbuseUnaimed += weight;
                        }
                        else
                        {
                            // A mild oath aimed at nothing ("damn printer", "porca miseria") is temper, not abuse.
                            _kinds |= 1 << Array.IndexOf(AbuseKindOrder, entry.AbuseKind);
                            Add(start, count, entry.Label, entry.MildRule, 0);
                            break;
                        }

                        _kinds |= 1 << Array.IndexOf(AbuseKindOrder, entry.AbuseKind);
                        Add(start, count, entry.Label, aim == Aim.Aimed ? entry.AimedRule : entry.Rule, weight);
                        break;
                    }

                    // Threats and situations.
                    if (isNegated)
                    {
                        break;
                    }

                    AddFinding(entry, weight);
                    if (entry.Label.StartsWith("threat:", StringComparison.Ordinal))
                    {
                        anger += 0.35 * weight;
                    }
                    else if (Complaints.Contains(entry.Label))
                    {
                        // A complaint is itself a sign of displeasure, even in calm words.
                        anger += 0.25 * weight;
                    }

                    Add(start, count, entry.Label, entry.Rule, weight);
                    break;
            }
        }

        AngerRules = anger + SurfaceCues() + EmojiCues();
    }

    private void AddFinding(LexiconEntry entry, double weight)
    {
        for (var i = 0; i < _findings.Count; i++)
        {
            if (_findings[i].Label == entry.Label)
            {
                _findings[i] = _findings[i] with { Sum = _findings[i].Sum + weight };
                return;
            }
        }

        _findings.Add((entry.Label, entry.FindingKind, weight));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindMatches()
    {
        var all = _matches;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var info = _tokens.Info(i);
            var prefixes = info is null ? _vocabulary.PrefixesFor(_tokens.Folded(i)) : null;
            // English entries apply to every language's mail, but do not start at a word the message's own lexicon
            // marks as a false friend: Italian "sue" (his, her), "fine" (end), "so" (I know).
            var lexiconCount = info is not null && (info.FalseFriendOf & (1 << _lexicons[0].Index)) != 0 ? 1 : _lexicons.Count;
            for (var l = 0; l < lexiconCount; l++)
            {
                var language = _lexicons[l].Index;
                if (info is not null)
                {
                    AddMatches(info.Entries[language], i, l);
                }
                else
                {
                    AddMatches(prefixes?[language], i, l);
                    AddMatches(_vocabulary.ShortPrefixes(language), i, l);
                }
            }
        }

        if (all.Count == 0)
        {
            return;
        }

        // Per label, a word counts once: the longest phrase covering it wins ("not happy" over "happy").
        // Ties go to the lexicon applied first (the message's language before English), then to the entry listed first.
        all.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Start != b.Start ? a.Start.CompareTo(b.Start) : Tie(a, b));
        var covered = _covered;
        var kept = 0;
        for (var m = 0; m < all.Count; m++)
        {
            var (entry, start, count, _) = all[m];
            var free = true;
            for (var i = start; i < start + count && free; i++)
            {
                free = (covered[i] & entry.GroupBit) == 0;
            }

            if (!free)
            {
                continue;
            }

            for (var i = start; i < start + count; i++)
            {
                covered[i] |= entry.GroupBit;
            }

            all[kept++] = all[m];
        }

        all.RemoveRange(kept, all.Count - kept);
        all.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Count != b.Count ? b.Count.CompareTo(a.Count) : Tie(a, b));
    }

    private void AddMatches(LexiconEntry[]? candidates, int index, int order)
    {
        if (candidates is null)
        {
            return;
        }

        foreach (var entry in candidates)
        {
            if (entry.Matches(_tokens, index))
            {
                _matches.Add(new Match(entry, index, entry.Words.Length, order));
            }
        }
    }

    private static int Tie(Match a, Match b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Entry.Line.CompareTo(b.Entry.Line);

    private bool IsNegated(int index, int reach) => _negatedAt[index] > 0 && _negatedAt[index] <= reach;

    /// <summary>Shouting and repeated punctuation. Capitals count only on real words: codes with digits
    /// (SO-24000, A4), short acronyms and known abbreviations are not shouting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double SurfaceCues()
    {
        var weight = 0.0;
        var shouted = 0;
        var firstShoutedLength = 0;
        var wordCount = 0;
        for (var t = 0; t < _tokens.Count; t++)
        {
            ref readonly var token = ref _tokens[t];
            wordCount += !token.HasDigit && token.Length >= 2 ? 1 : 0;
            if (IsShouted(t))
            {
                firstShoutedLength = shouted == 0 ? token.Length : firstShoutedLength;
                shouted++;
            }
        }

        if (shouted > 0 && (shouted >= 2 || firstShoutedLength >= 5))
        {
            var ratio = wordCount == 0 ? 0 : (double)shouted / wordCount;
            var capsWeight = ratio > 0.6 && wordCount >= 3 ? 1.2 : Math.Min(1.0, 0.4 * shouted);
            weight += capsWeight;
            for (var t = 0; t < _tokens.Count; t++)
            {
                ref readonly var token = ref _tokens[t];
                if (IsShouted(t))
                {
                    AddSpan(token.Offset, token.Length, "anger", "caps", capsWeight / shouted);
                }
            }
        }

        for (var i = 0; i < _parts.JudgedEnd; i++)
        {
            if (_text[i] is not ('!' or '?') || !_parts.IsJudged(i))
            {
                continue;
            }

            var start = i;
            var bangs = 0;
            while (i < _parts.JudgedEnd && _text[i] is '!' or '?' or '1')
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

    private bool IsShouted(int index)
    {
        ref readonly var token = ref _tokens[index];
        return token.AllCaps && !token.HasDigit && token.Length >= 3 && !AcronymsAndCodesBySpan.Contains(_tokens.Folded(index));
    }

    /// <summary>True when punctuation that ends a clause stands between token index-1 and token index.</summary>
    private bool ClauseBreakBefore(int index)
    {
        if (index == 0)
        {
            return false;
        }

        var from = _tokens[index - 1].Offset + _tokens[index - 1].Length;
        return _text.AsSpan(from, _tokens[index].Offset - from).IndexOfAny(ClauseBreaks) >= 0;
    }

    /// <summary>Angry faces and rude gestures raise anger; smiles and thanks lower it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double EmojiCues()
    {
        var weight = 0.0;
        for (var i = 0; i + 1 < _parts.JudgedEnd; i++)
        {
            // The faces and gestures that matter are all outside the Basic Multilingual Plane.
            if (!char.IsHighSurrogate(_text[i]) || !char.IsLowSurrogate(_text[i + 1]) || !_parts.IsJudged(i))
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Finding[] Findings(string prefix, double angerScore)
    {
        Finding[]? found = null;
        var count = 0;
        foreach (var (label, kind, sum) in _findings)
        {
            var score = Math.Round(LogisticAt(sum, FindingMidpoint, FindingSlope), 3);
            // "Thanks for nothing" is not praise.
            if (!label.StartsWith(prefix, StringComparison.Ordinal) || score < 0.5 || (kind == "praise" && angerScore >= 0.5))
            {
                continue;
            }

            found ??= new Finding[_findings.Count];
            found[count++] = new Finding(kind, score);
        }

        if (found is null)
        {
            return [];
        }

        Array.Resize(ref found, count);
        Array.Sort(found, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Kind, b.Kind));
        return found;
    }

    /// <summary>Aimed at the reader when "you" is within four words and nearer than "we/us" before it;
    /// at the writer's side when "we/us" comes first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Aim AimAt(int index)
    {
        var target = int.MaxValue;
        foreach (var t in _targets)
        {
            var distance = Math.Abs(t - index);
            target = distance <= TargetWindow ? Math.Min(target, distance) : target;
        }

        var self = int.MaxValue;
        foreach (var s in _selves)
        {
            self = s < index && index - s <= TargetWindow ? Math.Min(self, index - s) : self;
        }

        return target != int.MaxValue && target < self ? Aim.Aimed
            : self != int.MaxValue ? Aim.Self
            : Aim.Unaimed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(int startToken, int count, string label, string rule, double weight)
    {
        var first = _tokens[startToken];
        var last = _tokens[startToken + count - 1];
        AddSpan(first.Offset, last.Offset + last.Length - first.Offset, label, rule, weight);
    }

    private void AddSpan(int offset, int length, string label, string rule, double weight) =>
        _evidence.Add(new Evidence(offset, length, label, rule, Math.Round(weight, 3)));

    private static double Logistic(double logit) => 1 / (1 + Math.Exp(-logit));

    private static double LogisticAt(double raw, double midpoint, double slope) => Logistic(slope * (raw - midpoint));
}
