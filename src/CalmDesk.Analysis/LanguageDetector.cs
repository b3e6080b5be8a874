using System.Runtime.CompilerServices;

namespace CalmDesk.Analysis;

/// <summary>Tells the language from the script (Greek) and from function words, which every sentence has
/// and which differ between English, Italian, Spanish, French, German and Portuguese.</summary>
internal static class LanguageDetector
{
    public static readonly IReadOnlyList<string> Supported = ["en", "it", "el", "es", "fr", "de", "pt"];

    // Positions in Supported of the languages that diacritics point to.
    private const int It = 1, Es = 3, Fr = 4, De = 5, Pt = 6;

    // Folded function words, chosen to be frequent and as language-specific as possible.
    private static readonly Dictionary<string, string[]> FunctionWords = new()
    {
        ["en"] = ["the", "and", "you", "your", "is", "are", "was", "this", "that", "have", "has", "not", "with", "for", "what", "why", "we", "our", "my", "it's", "don't", "i'm", "of", "to", "be", "been", "will", "would", "can't", "please", "again", "still", "just", "they", "from", "order", "when", "if", "me", "who", "how"],
        ["it"] = ["il", "lo", "gli", "che", "non", "sono", "della", "del", "per", "con", "questo", "questa", "mi", "ci", "vi", "avete", "abbiamo", "ancora", "anche", "perche", "come", "piu", "mio", "nostro", "vostro", "siete", "e'", "ho", "ha", "hanno", "di", "un", "una", "ma", "se", "gia", "sempre", "grazie", "buongiorno", "cosa", "tutto", "nel", "alla", "al", "ti", "io", "tu", "voi", "faccio", "senti", "questo", "sei", "li", "le", "dell'", "all'", "nell'", "sull'", "dall'", "un'", "l'"],
        ["es"] = ["el", "los", "las", "que", "no", "es", "por", "con", "para", "una", "esto", "este", "pero", "muy", "mi", "su", "como", "porque", "tengo", "hemos", "ustedes", "ya", "del", "lo", "y", "estoy", "esta", "son", "gracias", "pedido", "todavia"],
        ["fr"] = ["le", "les", "des", "est", "une", "pour", "pas", "vous", "nous", "je", "et", "que", "qui", "dans", "avec", "ce", "cette", "mais", "tres", "votre", "notre", "mon", "ne", "au", "aux", "du", "sont", "j'", "c'", "qu'", "l'", "d'", "n'", "ai", "merci", "toujours", "encore", "ou", "ma", "nous", "depuis", "bonjour", "commande", "sommes", "avons", "etes", "vos"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "ich", "sie", "wir", "mit", "fur", "ein", "eine", "auf", "dass", "aber", "noch", "schon", "ihr", "ihre", "unsere", "wird", "haben", "sind", "bitte", "danke", "zu", "den", "dem", "von", "auch", "wie", "warum"],
        // Greeklish: Greek written in Latin letters, common in chat and SMS.
        // Only words no other language here writes the same way ("na", "ola", "alla", "ton", "mia" are Portuguese,
        // Italian or French words too).
        ["el"] = ["kai", "einai", "den", "sas", "mou", "giati", "poli", "pou", "tha", "exete", "ksana", "xana", "akoma", "pote", "oxi", "nai", "afto", "mas", "eseis", "eisai", "eiste", "parakalw", "efxaristw", "paraggelia", "kala", "simera", "avrio",
            "gia", "apo", "tin", "tis", "sta", "stin", "ston", "stis", "8a", "kalimera", "kalhmera", "kalispera", "kalhspera", "mporeite", "mporw", "mporoume", "pali", "oti", "twra", "tipota", "exw", "exoume", "eimaste", "eimai", "thelw", "8elw", "thelo", "8elo", "ligo", "enas", "omws", "ki", "kanete", "kanw", "prepei", "isws", "epeidi", "opws", "pws", "edw", "ekei", "tou", "ths", "twn", "euxaristw", "eyxaristw", "efharisto", "parakalo", "ginetai"],
        ["pt"] = ["o", "os", "as", "que", "nao", "e", "uma", "um", "para", "com", "por", "isso", "esta", "muito", "meu", "minha", "voces", "nos", "ja", "mas", "como", "porque", "tenho", "foi", "sao", "obrigado", "obrigada", "ainda", "pedido", "do", "da", "no", "na"],
    };


    /// <summary>True when a folded word is one of a language's function words (which carry no tone).</summary>
    public static bool IsFunctionWord(string language, string folded) =>
        FunctionWords.TryGetValue(language, out var words) && Array.IndexOf(words, folded) >= 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LanguageGuess Detect(string text, TokenList tokens)
    {
        int greek = 0, latin = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var ch = text[tokens[t].Offset];
            if (ch is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF')
            {
                greek++;
            }
            else if (char.IsLetter(ch))
            {
                latin++;
            }
        }

        if (greek + latin == 0)
        {
            return new LanguageGuess("und", 0);
        }

        // Greek has its own script; "greeklish" (Greek in Latin letters) is read by its function words below.
        if (greek >= latin)
        {
            return new LanguageGuess("el", Math.Round(Math.Min(1, 0.5 + (0.5 * greek / (greek + latin)) * Math.Min(1, greek / 3.0)), 3));
        }

        Span<double> scores = stackalloc double[Supported.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens.Info(t) is { FunctionWordOf: { Length: > 0 } languages })
            {
                foreach (var language in languages)
                {
                    scores[language] += 1.0 / languages.Length;
                }
            }
        }

        AddDiacriticCues(text, tokens, scores);
        // Best and runner-up; ties go to the language listed first in Supported.
        var bestLanguage = -1;
        double best = 0, second = 0;
        for (var language = 0; language < scores.Length; language++)
        {
            var score = scores[language];
            if (score > best)
            {
                (second, best, bestLanguage) = (best, score, language);
            }
            else if (score > second)
            {
                second = score;
            }
        }

        if (bestLanguage < 0)
        {
            return new LanguageGuess("und", 0);
        }

        // Confidence grows with the margin over the runner-up and with the amount of evidence.
        var confidence = (best - second) / best * Math.Min(1, best / 4) * 0.5 + 0.5 * Math.Min(1, best / 4) * (best / (best + second));
        return new LanguageGuess(Supported[bestLanguage], Math.Round(Math.Clamp(confidence, 0.05, 1), 3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddDiacriticCues(string text, TokenList tokens, Span<double> scores)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            ref readonly var token = ref tokens[t];
            for (var i = token.Offset; i < token.Offset + token.Length; i++)
            {
                switch (text[i])
                {
                    case 'ñ' or '¿' or '¡':
                        scores[Es] += 1;
                        break;
                    case 'ã' or 'õ':
                        scores[Pt] += 1;
                        break;
                    case 'ß' or 'ä' or 'ö' or 'ü':
                        scores[De] += 1;
                        break;
                    case 'œ' or 'ë' or 'ï' or 'î' or 'û':
                        scores[Fr] += 0.5;
                        break;
                    case 'ù' or 'ò' or 'ì':
                        scores[It] += 0.5;
                        break;
                    default:
                        break;
                }
            }
        }
    }

    /// <summary>Each folded function word with the indices (in <see cref="Supported"/>) of the languages that use it.</summary>
    public static Dictionary<string, int[]> FunctionWordIndex()
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (language, words) in FunctionWords)
        {
            foreach (var word in words)
            {
                if (!index.TryGetValue(word, out var list))
                {
                    index[word] = list = [];
                }

                list.Add(IndexOf(language));
            }
        }

        return index.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A language's position in <see cref="Supported"/> (-1 for none).</summary>
    public static int IndexOf(string language) => ((IList<string>)Supported).IndexOf(language);
}
