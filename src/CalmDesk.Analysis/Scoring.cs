using System.Buffers;
using System.Runtime.CompilerServices;
using CalmDesk.Analysis.Learning;

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

/// <summary>Turns lexicon matches, surface cues and the learned model into calibrated scores with evidence.</summary>
/// <remarks>The rules find the evidence and sum what they found per label (<see cref="RuleFeatures"/>); the
/// <see cref="LearnedModel"/> turns those sums, the words and their neighbours into calibrated scores. Keeping the two
/// apart lets the training tool refit the model without touching the rules that find the evidence.</remarks>
internal sealed class Scoring
{
    private const int TargetWindow = 4;

    // Lexicon weights below this are mild oaths (damn, hell, porca miseria, να πάρει).
    private const double MildOath = 1.0;

    private static readonly HashSet<string> AcronymsAndCodes = new(StringComparer.Ordinal)
    {
        "pdf", "usb", "vat", "iva", "fpa", "ddt", "sku", "eta", "asap", "faq", "ceo", "cfo", "crm", "erp", "api", "url", "ok", "tv", "pc", "uk", "usa", "eu", "ue", "spa", "srl", "ltd", "plc", "gmbh", "ae", "ike", "oe",
    };

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",.;:!?\n");

    // A subset of the clause breaks, so a pair of neighbouring words never spans two sentences.
    private static readonly SearchValues<char> SentenceBreaks = SearchValues.Create(".;!?\n");

    // Kinds are reported in alphabetical order.
    private static readonly string[] AbuseKindOrder = [.. HeadNames.AbuseKinds.Order(StringComparer.Ordinal)];
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

    /// <summary>What the rules found, as the learned model's features.</summary>
    public RuleFeatures Rules { get; } = new();

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
        Rules.Clear();
        ContentWords = 0;
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

    /// <summary>True for a word the model can weigh (no digits, two letters or more, not an elided article).
    /// The model and its training read the same words, each once: its first occurrence.</summary>
    public bool IsContentWord(int index)
    {
        ref readonly var token = ref _tokens[index];
        // An elided article ("l'", "dell'") carries no tone.
        return !token.HasDigit && token.FoldedLength >= 2 && _tokens.Folded(index)[^1] != '\'';
    }

    // Each word's share of each head's logit, words × heads; reused from message to message.
    private float[] _byWord = new float[64 * 32];

    // A model word counts as evidence for a verdict when it moved the logit at least this much.
    private const float EvidenceShare = 0.25f;
    private const int EvidencePerVerdict = 3;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AnalysisResult Run(LanguageGuess language, LearnedModel model, IReadOnlyList<SetAsidePart> setAside, IReadOnlyList<string> notes)
    {
        var heads = model.HeadCount;
        if (_byWord.Length < _tokens.Count * heads)
        {
            _byWord = new float[Math.Max(_tokens.Count * heads, _byWord.Length * 2)];
        }

        Span<double> p = stackalloc double[heads];
        var languageIndex = LanguageDetector.IndexOf(language.Code);
        model.Probabilities(this, languageIndex, p, _byWord);

        var angerScore = p[model.Angry];
        var level = angerScore >= 0.5 ? (p[model.Furious] >= 0.5 ? AngerLevel.Furious : AngerLevel.Angry)
            : p[model.Annoyed] >= 0.5 ? AngerLevel.Annoyed : AngerLevel.Calm;
        AddModelEvidence(model, model.Angry, "anger", p);
        if (level == AngerLevel.Annoyed)
        {
            // An annoyed verdict explains itself too: the words that pushed the first level, not the angry one.
            AddModelEvidence(model, model.Annoyed, "anger", p);
        }

        var abuseScore = p[model.Abuse];
        var kinds = 0;
        if (abuseScore >= 0.5)
        {
            var strongest = -1;
            for (var k = 0; k < model.Kinds.Length; k++)
            {
                if (p[model.Kinds[k]] >= 0.5)
                {
                    kinds |= 1 << Array.IndexOf(AbuseKindOrder, HeadNames.AbuseKinds[k]);
                    strongest = strongest < 0 || p[model.Kinds[k]] > p[model.Kinds[strongest]] ? k : strongest;
                }
            }

            // Abusive, though no kind is sure on its own: contempt is an insult. Guessing a rarer kind (a threat of
            // violence, discrimination) from a weak score would put a graver word on the record than the message earns.
            strongest = strongest >= 0 ? strongest : (int)AbuseKind.Insult;
            kinds = kinds != 0 ? kinds : 1 << Array.IndexOf(AbuseKindOrder, HeadNames.AbuseKinds[strongest]);
            AddModelEvidence(model, model.Abuse, "abuse:" + HeadNames.AbuseKinds[strongest], p);
        }

        var threats = Found(model, model.Threats, HeadNames.Threats, "threat:", p, angerScore);
        var situations = Found(model, model.Situations, HeadNames.Situations, "situation:", p, angerScore);
        _evidence.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : string.CompareOrdinal(a.Label, b.Label));
        return new AnalysisResult(
            _text,
            language,
            new AngerVerdict(Math.Round(angerScore, 3), level),
            new AbuseVerdict(Math.Round(abuseScore, 3), KindLists[kinds], abuseScore >= 0.5 && p[model.AbuseAtStaff] >= 0.5),
            threats,
            situations,
            _evidence.Count == 0 ? [] : _evidence.ToArray(),
            setAside,
            notes);
    }

    /// <summary>The threats or situations whose calibrated score reaches the head's threshold (<see cref="LearnedModel.Threshold"/>),
    /// likeliest first, with their evidence.
    /// "Thanks for nothing" is not praise: praise from an angry message is dropped.</summary>
    private Finding[] Found(LearnedModel model, int[] indices, string[] kinds, string prefix, ReadOnlySpan<double> p, double angerScore)
    {
        var count = 0;
        foreach (var index in indices)
        {
            count += p[index] >= model.Threshold(index) ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var found = new Finding[count];
        count = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            if (p[indices[k]] < model.Threshold(indices[k]) || (kinds[k] == "praise" && angerScore >= 0.5))
            {
                continue;
            }

            found[count++] = new Finding(kinds[k], Math.Round(p[indices[k]], 3));
            AddModelEvidence(model, indices[k], prefix + kinds[k], p);
        }

        Array.Resize(ref found, count);
        Array.Sort(found, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Kind, b.Kind));
        return found;
    }

    /// <summary>For a verdict that holds, the words that pushed it most (at most three), as "model:WORD" evidence.</summary>
    /// <summary>A word too small to show a reader why ("la", "to", "και"): two letters or fewer, or a short function word
    /// of a language. It still counts in the score; it is only not underlined as the reason.</summary>
    private bool IsGlue(int index)
    {
        var length = _tokens[index].FoldedLength;
        return length <= 2 || (length <= 4 && (_tokens.Info(index) is { FunctionWordOf.Length: > 0 } || GreekGlue.Contains(_tokens.Folded(index))));
    }

    // The function-word lists name Greek in Latin letters (greeklish); these are the three- and four-letter ones in Greek
    // script, folded (anything of two letters or fewer is left out already, whatever its language).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GreekGlue = new HashSet<string>(StringComparer.Ordinal)
    {
        "και", "δεν", "μην", "για", "που", "απο", "μου", "σου", "την", "τον", "της", "του", "τις", "των", "τους", "σας", "μας", "στο", "στη", "στην",
        "στον", "στα", "οτι", "στις", "στων", "ενα", "μια", "ενας", "μετα", "ομως", "αλλα", "οπως",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private void AddModelEvidence(LearnedModel model, int head, string label, ReadOnlySpan<double> p)
    {
        if (p[head] < model.Threshold(head))
        {
            return;
        }

        var heads = p.Length;
        Span<int> best = stackalloc int[EvidencePerVerdict];
        best.Fill(-1);
        for (var i = 0; i < _tokens.Count; i++)
        {
            var share = _byWord[(i * heads) + head];
            if (share < EvidenceShare || IsGlue(i))
            {
                continue;
            }

            for (var b = 0; b < best.Length; b++)
            {
                if (best[b] < 0 || share > _byWord[(best[b] * heads) + head])
                {
                    best[b..^1].CopyTo(best[(b + 1)..]);
                    best[b] = i;
                    break;
                }
            }
        }

        foreach (var i in best)
        {
            if (i >= 0)
            {
                ref readonly var token = ref _tokens[i];
                AddSpan(token.Offset, token.Length, label, "model:" + _tokens.FoldedString(i), _byWord[(i * heads) + head]);
            }
        }
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
                    Rules.Add(RuleFeatures.TargetWords, 1);
                    break;
                case "self":
                    _selves.Add(start);
                    Rules.Add(RuleFeatures.SelfWords, 1);
                    break;
                default:
                    break;
            }
        }

        foreach (var (entry, start, count, _) in _matches)
        {
            var weight = entry.Weight * (intensified[start] > 0 ? intensified[start] : 1);
            // Tone words are turned by a negator up to three words before; threats and situations only by the
            // next two ("will not cancel", but "not resolved, my lawyer…" is still a threat).
            var isNegated = IsNegated(start, entry.Label is "anger" or "calm" ? 3 : 2);
            switch (entry.Label)
            {
                case "anger":
                    Rules.Add(isNegated ? RuleFeatures.AngerNegated : RuleFeatures.Anger, Math.Abs(weight));
                    weight = isNegated ? -0.3 * entry.Weight : weight;
                    Add(start, count, "anger", isNegated ? entry.NegatedRule : entry.Rule, weight);
                    break;
                case "calm":
                    Rules.Add(isNegated ? RuleFeatures.CalmNegated : RuleFeatures.Calm, Math.Abs(entry.Weight));
                    // "not acceptable", "non va bene", "δεν είναι αποδεκτό": a negated courtesy is a complaint.
                    weight = isNegated ? 0.8 : weight;
                    Add(start, count, "anger", isNegated ? entry.NegatedRule : entry.Rule, weight);
                    break;
                case "negator" or "intensifier" or "target" or "self":
                    break;
                default:
                    if (entry.AbuseKind.Length > 0)
                    {
                        for (var i = start; i < start + count; i++)
                        {
                            _abuseRuleAt[i] = true;
                        }

                        // Threats of violence, harassment and slurs are aimed at someone by nature; other words
                        // are aimed at the reader when "you" is near and nearer than "we/us".
                        var aim = entry.AbuseKind is "threat_of_violence" or "harassment" or "discriminatory" ? Aim.Aimed : AimAt(start);
                        Rules.Add(RuleFeatures.Abuse(entry.AbuseKind, aim, aim == Aim.Unaimed && entry.Weight < MildOath), weight);
                        if (aim == Aim.Self)
                        {
                            // "You must think we're stupid": the writer's own side, not abuse; still a sign of temper.
                            Add(start, count, "anger", entry.SelfRule, 0.6 * weight);
                            break;
                        }

                        // A mild oath aimed at nothing ("damn printer", "porca miseria") is temper, not abuse: its
                        // evidence weighs nothing. The model weighs aimed, unaimed and mild words apart.
                        if (aim != Aim.Aimed && entry.Weight < MildOath)
                        {
                            Add(start, count, entry.Label, entry.MildRule, 0);
                            break;
                        }

                        Add(start, count, entry.Label, aim == Aim.Aimed ? entry.AimedRule : entry.Rule, weight);
                        break;
                    }

                    // Threats and situations.
                    var isThreat = entry.Label.StartsWith("threat:", StringComparison.Ordinal);
                    Rules.Add(isThreat ? RuleFeatures.Threat(entry.FindingKind, isNegated) : RuleFeatures.Situation(entry.FindingKind, isNegated), weight);
                    if (isNegated)
                    {
                        break;
                    }

                    Add(start, count, entry.Label, entry.Rule, weight);
                    break;
            }
        }

        SurfaceCues();
        EmojiCues();
        for (var i = 0; i < _tokens.Count; i++)
        {
            ContentWords += IsContentWord(i) ? 1 : 0;
        }

        Rules.Add(RuleFeatures.Words, ContentWords);
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

    /// <summary>Whether a negator reaches the word ("not happy", "non è accettabile").</summary>
    public bool IsNegatedWord(int index) => IsNegated(index, 3);

    /// <summary>The words the model weighs: those <see cref="IsContentWord"/> accepts.</summary>
    public int ContentWords { get; private set; }

    /// <summary>The message's words, as scored.</summary>
    public TokenList Tokens => _tokens;

    /// <summary>The message's text, as scored.</summary>
    public string Text => _text;

    /// <summary>Shouting and repeated punctuation. Capitals count only on real words: codes with digits
    /// (SO-24000, A4), short acronyms and known abbreviations are not shouting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SurfaceCues()
    {
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
            Rules.Add(RuleFeatures.Shouted, shouted);
            Rules.Add(RuleFeatures.MostlyShouted, ratio > 0.6 && wordCount >= 3 ? 1 : 0);
            var capsWeight = ratio > 0.6 && wordCount >= 3 ? 1.2 : Math.Min(1.0, 0.4 * shouted);
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
            Rules.Add(bangs == 0 ? RuleFeatures.QuestionRuns : RuleFeatures.ExclamationRuns, 1);
            Rules.Add(RuleFeatures.LongExclamationRuns, run >= 3 && bangs >= 1 ? 1 : 0);
            if (run >= 2 && bangs >= 1)
            {
                var runWeight = run >= 3 ? 0.9 : 0.5;
                AddSpan(start, run, "anger", "exclamations", runWeight);
            }
        }
    }

    private bool IsShouted(int index)
    {
        ref readonly var token = ref _tokens[index];
        return token.AllCaps && !token.HasDigit && token.Length >= 3 && !AcronymsAndCodesBySpan.Contains(_tokens.Folded(index));
    }

    /// <summary>True when punctuation that ends a clause stands between token index-1 and token index.</summary>
    public bool ClauseBreakBefore(int index) => BreakBefore(index, ClauseBreaks);

    /// <summary>True when punctuation that ends a sentence (or a line break) stands between token index-1 and token index.</summary>
    public bool SentenceBreakBefore(int index) => BreakBefore(index, SentenceBreaks);

    private bool BreakBefore(int index, SearchValues<char> breaks)
    {
        if (index == 0)
        {
            return false;
        }

        var from = _tokens[index - 1].Offset + _tokens[index - 1].Length;
        return _text.AsSpan(from, _tokens[index].Offset - from).IndexOfAny(breaks) >= 0;
    }

    /// <summary>Angry faces and rude gestures raise anger; smiles and thanks lower it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EmojiCues()
    {
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
                Rules.Add(cue switch { >= 0.7 => RuleFeatures.AngryEmoji, > 0 => RuleFeatures.AnnoyedEmoji, _ => RuleFeatures.HappyEmoji }, 1);
                AddSpan(index, 2, "anger", "emoji", cue);
            }
        }
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

}
