namespace CalmDesk.Analysis;

/// <summary>Tells the language from the script (Greek) and from function words, which every sentence has
/// and which differ between English, Italian, Spanish, French, German and Portuguese.</summary>
internal static class LanguageDetector
{
    public static readonly IReadOnlyList<string> Supported = ["en", "it", "el", "es", "fr", "de", "pt"];

    // Folded function words, chosen to be frequent and as language-specific as possible.
    private static readonly Dictionary<string, string[]> FunctionWords = new()
    {
        ["en"] = ["the", "and", "you", "your", "is", "are", "was", "this", "that", "have", "has", "not", "with", "for", "what", "why", "we", "our", "my", "it's", "don't", "i'm", "of", "to", "be", "been", "will", "would", "can't", "please", "again", "still", "just", "they", "from", "order", "when", "if", "me", "who", "how"],
        ["it"] = ["il", "lo", "gli", "che", "non", "sono", "della", "del", "per", "con", "questo", "questa", "mi", "ci", "vi", "avete", "abbiamo", "ancora", "anche", "perche", "come", "piu", "mio", "nostro", "vostro", "siete", "e'", "ho", "ha", "hanno", "di", "un", "una", "ma", "se", "gia", "sempre", "grazie", "buongiorno", "cosa", "tutto", "nel", "alla", "al", "ti", "io", "tu", "voi", "faccio", "senti", "questo", "sei", "li", "le"],
        ["es"] = ["el", "los", "las", "que", "no", "es", "por", "con", "para", "una", "esto", "este", "pero", "muy", "mi", "su", "como", "porque", "tengo", "hemos", "ustedes", "ya", "del", "lo", "y", "estoy", "esta", "son", "gracias", "pedido", "todavia"],
        ["fr"] = ["le", "les", "des", "est", "une", "pour", "pas", "vous", "nous", "je", "et", "que", "qui", "dans", "avec", "ce", "cette", "mais", "tres", "votre", "notre", "mon", "ne", "au", "aux", "du", "sont", "j'ai", "c'est", "merci", "toujours", "encore", "ou", "ma", "nous", "depuis", "bonjour", "commande", "sommes", "avons", "etes", "vos"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "ich", "sie", "wir", "mit", "fur", "ein", "eine", "auf", "dass", "aber", "noch", "schon", "ihr", "ihre", "unsere", "wird", "haben", "sind", "bitte", "danke", "zu", "den", "dem", "von", "auch", "wie", "warum"],
        // Greeklish: Greek written in Latin letters, common in chat and SMS.
        ["el"] = ["kai", "einai", "den", "sas", "mou", "giati", "poli", "pou", "tha", "exete", "ksana", "xana", "akoma", "pote", "oxi", "nai", "afto", "mas", "eseis", "eisai", "eiste", "parakalw", "efxaristw", "paraggelia", "kala", "simera", "avrio"],
        ["pt"] = ["o", "os", "as", "que", "nao", "e", "uma", "um", "para", "com", "por", "isso", "esta", "muito", "meu", "minha", "voces", "nos", "ja", "mas", "como", "porque", "tenho", "foi", "sao", "obrigado", "obrigada", "ainda", "pedido", "do", "da", "no", "na"],
    };

    private static readonly Dictionary<string, List<string>> LanguagesByWord = BuildIndex();

    /// <summary>True when a folded word is one of a language's function words (which carry no tone).</summary>
    public static bool IsFunctionWord(string language, string folded) =>
        FunctionWords.TryGetValue(language, out var words) && Array.IndexOf(words, folded) >= 0;

    public static LanguageGuess Detect(string text, IReadOnlyList<Token> tokens)
    {
        int greek = 0, latin = 0;
        foreach (var token in tokens)
        {
            var ch = text[token.Offset];
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

        var scores = new Dictionary<string, double>();
        foreach (var token in tokens)
        {
            if (LanguagesByWord.TryGetValue(token.Folded, out var languages))
            {
                foreach (var language in languages)
                {
                    scores[language] = scores.GetValueOrDefault(language) + (1.0 / languages.Count);
                }
            }
        }

        AddDiacriticCues(text, tokens, scores);
        // Best and runner-up; ties go to the language listed first in Supported.
        string? bestLanguage = null;
        double best = 0, second = 0;
        foreach (var language in Supported)
        {
            var score = scores.GetValueOrDefault(language);
            if (score > best)
            {
                (second, best, bestLanguage) = (best, score, language);
            }
            else if (score > second)
            {
                second = score;
            }
        }

        if (bestLanguage is null)
        {
            return new LanguageGuess("und", 0);
        }

        // Confidence grows with the margin over the runner-up and with the amount of evidence.
        var confidence = (best - second) / best * Math.Min(1, best / 4) * 0.5 + 0.5 * Math.Min(1, best / 4) * (best / (best + second));
        return new LanguageGuess(bestLanguage, Math.Round(Math.Clamp(confidence, 0.05, 1), 3));
    }

    private static void AddDiacriticCues(string text, IReadOnlyList<Token> tokens, Dictionary<string, double> scores)
    {
        foreach (var token in tokens)
        {
            for (var i = token.Offset; i < token.Offset + token.Length; i++)
            {
                switch (text[i])
                {
                    case 'ñ' or '¿' or '¡':
                        scores["es"] = scores.GetValueOrDefault("es") + 1;
                        break;
                    case 'ã' or 'õ':
                        scores["pt"] = scores.GetValueOrDefault("pt") + 1;
                        break;
                    case 'ß' or 'ä' or 'ö' or 'ü':
                        scores["de"] = scores.GetValueOrDefault("de") + 1;
                        break;
                    case 'œ' or 'ë' or 'ï' or 'î' or 'û':
                        scores["fr"] = scores.GetValueOrDefault("fr") + 0.5;
                        break;
                    case 'ù' or 'ò' or 'ì':
                        scores["it"] = scores.GetValueOrDefault("it") + 0.5;
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static Dictionary<string, List<string>> BuildIndex()
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, words) in FunctionWords)
        {
            foreach (var word in words)
            {
                if (!index.TryGetValue(word, out var list))
                {
                    index[word] = list = [];
                }

                list.Add(language);
            }
        }

        return index;
    }
}
