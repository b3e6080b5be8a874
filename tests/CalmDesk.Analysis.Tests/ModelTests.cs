using CalmDesk.Analysis.Learning;

namespace CalmDesk.Analysis;

public sealed class ModelTests
{
    private static readonly string[] Messages =
    [
        "This is ridiculous. You delivered the wrong bottles AGAIN!!! I want my money back or my lawyer calls you.",
        "Buongiorno, potrebbe confermarmi i prezzi del listino di primavera? Grazie mille, Franca",
        "Δεν είμαι θυμωμένος, απλώς απογοητευμένος. Η παραγγελία ήρθε μισή.",
        "kalimera, akoma perimenw tin paraggelia, giati den apantate sto tilefwno???",
        "Non sono affatto soddisfatto: l'avvocato vi scriverà domani. 😡",
        "Vous êtes des incapables, je ne paierai pas cette facture.",
        "Wo bleibt meine Lieferung? Ich warte seit drei Wochen!",
        "",
        "OK",
    ];

    [Fact]
    public void Logits_TheCachedPerWordArithmetic_EqualsThePlainDotProductOfEveryFeature()
    {
        var model = MessageAnalyzer.Default.Model!;
        var features = new SparseFeatures();
        var sentences = new List<(int[] Indices, float[] Values)>();
        foreach (var text in Messages)
        {
            var (_, language, scoring, _) = MessageAnalyzer.Default.Prepare(text);
            var languageIndex = LanguageDetector.IndexOf(language.Code);
            var fast = new double[model.HeadCount];
            var plain = new double[model.HeadCount];
            model.Logits(scoring, languageIndex, fast, new float[Math.Max(1, scoring.Tokens.Count) * model.HeadCount]);
            MessageFeatures.Collect(scoring, languageIndex, features);
            var (indices, values) = features.ToArrays();
            MessageFeatures.CollectSentences(scoring, languageIndex, sentences);
            model.PlainLogits(indices, values, sentences, plain);

            for (var h = 0; h < model.HeadCount; h++)
            {
                Assert.True(Math.Abs(fast[h] - plain[h]) < 1e-3, $"{model.Heads[h]}: {fast[h]} against {plain[h]} for \"{text}\"");
            }
        }
    }

    [Fact]
    public void Model_HasEveryHeadTheAnalysisReads_AndCalibrationThatKeepsTheOrder()
    {
        var model = MessageAnalyzer.Default.Model!;

        Assert.Equal(HeadNames.All, model.Heads);
        Assert.Matches("^[0-9a-f]{12}$", model.Version);
        for (var h = 0; h < model.HeadCount; h++)
        {
            for (var language = 0; language < LearnedModel.Languages; language++)
            {
                // A higher logit never means a lower probability: the calibration's slope is positive.
                Assert.True(model.Probability(h, language, 1) > model.Probability(h, language, -1), $"{model.Heads[h]}, language {language}");
            }
        }
    }

    [Fact]
    public void Read_TheEmbeddedFileTwice_GivesTheSameVersion()
    {
        using var first = typeof(LearnedModel).Assembly.GetManifestResourceStream("CalmDesk.Analysis.Learning.model.bin.gz")!;
        using var second = typeof(LearnedModel).Assembly.GetManifestResourceStream("CalmDesk.Analysis.Learning.model.bin.gz")!;

        Assert.Equal(LearnedModel.Read(first).Version, LearnedModel.Read(second).Version);
    }

    [Fact]
    public void FromModel_TheEmbeddedFile_ReadsAsTheDefaultAnalyzerDoes()
    {
        using var file = typeof(LearnedModel).Assembly.GetManifestResourceStream("CalmDesk.Analysis.Learning.model.bin.gz")!;
        const string Text = "Siete dei ladri: vi porto in tribunale e lo scrivo ovunque.";

        var analyzer = MessageAnalyzer.FromModel(file);

        Assert.Equal(MessageAnalyzer.Default.ModelVersion, analyzer.ModelVersion);
        Assert.Equal(MessageAnalyzer.Default.Analyze(Text).Anger, analyzer.Analyze(Text).Anger);
        Assert.Equal(
            MessageAnalyzer.Default.Analyze(Text).Threats.Select(t => (t.Kind, t.Score)),
            analyzer.Analyze(Text).Threats.Select(t => (t.Kind, t.Score)));
    }

    [Fact]
    public void FromModel_NotAModelOrOtherQuestions_IsInvalidData()
    {
        var heads = new[] { HeadNames.Angry };
        using var otherQuestions = new MemoryStream();
        LearnedModel.Write(otherQuestions, heads, [0f], [0f], [0.5f], new float[1, LearnedModel.Languages], new float[1, LearnedModel.Languages], [new float[FeatureHash.Size]]);
        otherQuestions.Position = 0;

        Assert.Throws<InvalidDataException>(() => MessageAnalyzer.FromModel(new MemoryStream("not a model"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => MessageAnalyzer.FromModel(new MemoryStream([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])));
        Assert.Throws<InvalidDataException>(() => MessageAnalyzer.FromModel(otherQuestions));
    }

    [Fact]
    public void Read_AFileFromBeforePooledHeads_ReadsWithEveryHeadWhole()
    {
        // The first format, as an installation's refitted model stored it before pooled heads existed: no pooled flag
        // after each head's bias. Its calibration was fitted on whole messages, so no head may add a sentence's logit.
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("CDLM1");
            writer.Write(HeadNames.All.Length);
            foreach (var head in HeadNames.All)
            {
                writer.Write(head);
                writer.Write(-1f);
                for (var l = 0; l < LearnedModel.Languages; l++)
                {
                    writer.Write(1f);
                    writer.Write(0f);
                }
            }

            writer.Write(0);
        }

        using var file = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw.ToArray());
        }

        file.Position = 0;
        var model = LearnedModel.Read(file);

        Assert.Equal(HeadNames.All, model.Heads);
        Assert.All(Enumerable.Range(0, model.HeadCount), h => Assert.False(model.IsPooled(h)));
        Assert.All(Enumerable.Range(0, model.HeadCount), h => Assert.Equal(0.5f, model.Threshold(h)));
    }

    [Fact]
    public void Read_AFileWithPoolingFlags_AddsEachPooledHeadsSentenceAtWeightOne()
    {
        // The second format, before sentence weights were fitted: a flag per head. A pooled head added its strongest
        // sentence as it was, and its calibration was fitted on that sum.
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("CDLM2");
            writer.Write(HeadNames.All.Length);
            foreach (var head in HeadNames.All)
            {
                writer.Write(head);
                writer.Write(-1f);
                writer.Write(head.StartsWith("threat:", StringComparison.Ordinal));
                writer.Write(0.4f);
                for (var l = 0; l < LearnedModel.Languages; l++)
                {
                    writer.Write(1f);
                    writer.Write(0f);
                }
            }

            writer.Write(0);
        }

        using var file = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw.ToArray());
        }

        file.Position = 0;
        var model = LearnedModel.Read(file);

        Assert.All(model.Threats, h => Assert.Equal(1f, model.SentenceWeight(h)));
        Assert.All(model.Situations.Append(model.Angry), h => Assert.Equal(0f, model.SentenceWeight(h)));
        Assert.All(Enumerable.Range(0, model.HeadCount), h => Assert.Equal(0.4f, model.Threshold(h)));
    }

    [Fact]
    public void Write_ThenRead_KeepsEachHeadsSentenceWeight()
    {
        var heads = HeadNames.All;
        var weights = heads.Select((_, h) => h % 3 == 0 ? 0f : h / 10f).ToArray();
        using var file = new MemoryStream();
        LearnedModel.Write(file, heads, new float[heads.Length], weights, [.. heads.Select(_ => 0.5f)], new float[heads.Length, LearnedModel.Languages], new float[heads.Length, LearnedModel.Languages], [.. heads.Select(_ => new float[FeatureHash.Size])]);
        file.Position = 0;

        var model = LearnedModel.Read(file);

        Assert.Equal(weights, Enumerable.Range(0, heads.Length).Select(model.SentenceWeight));
        Assert.Equal(weights.Select(w => w > 0), Enumerable.Range(0, heads.Length).Select(model.IsPooled));
    }

    [Fact]
    public void Model_PoolsTheThreats_AndReadsTheSituationsWhole()
    {
        var model = MessageAnalyzer.Default.Model!;

        Assert.All(model.Threats, h => Assert.True(model.IsPooled(h), model.Heads[h]));
        Assert.All(model.Situations, h => Assert.False(model.IsPooled(h), model.Heads[h]));
    }

    [Fact]
    public void CollectSentences_OneEntryPerSentenceWithAWord()
    {
        var (_, language, scoring, _) = MessageAnalyzer.Default.Prepare(
            "The order came half empty. 12345!\nI have waited three weeks; nobody answers the phone? Fix it", new AnalysisOptions("en"));
        var sentences = new List<(int[] Indices, float[] Values)>();

        MessageFeatures.CollectSentences(scoring, LanguageDetector.IndexOf(language.Code), sentences);

        // "12345!" has no word the model weighs; the other four are sentences.
        Assert.Equal(4, sentences.Count);
        Assert.All(sentences, s => Assert.NotEmpty(s.Indices));
    }

    [Fact]
    public void Analyze_ModelEvidence_PointsAtTheWordsOfTheMessage()
    {
        var result = MessageAnalyzer.Default.Analyze("You are useless liars and thieves. I want a full refund today or I go to court!!!", new AnalysisOptions("en"));

        var model = result.Evidence.Where(e => e.Rule.StartsWith("model:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(model);
        Assert.All(model, e => Assert.Equal(e.Rule["model:".Length..], Tokenizer.Fold(result.Text.Substring(e.Offset, e.Length))));
        Assert.All(model, e => Assert.True(e.Weight > 0));
    }

    /// The words a verdict is explained by are words a reader can take as a reason: never an article, a pronoun of two or
    /// three letters or a negation particle, whatever weight the model gives them.
    [Theory]
    [InlineData("Είστε άχρηστοι, μην μου ξαναστείλετε τίποτα. Δεν ξέρετε τι κάνετε, ηλίθιοι και κλέφτες.", "el")]
    [InlineData("La vostra è una vergogna, siete dei ladri e io non pago più niente a voi.", "it")]
    [InlineData("I am so done with you, the van is late again and you are all useless.", "en")]
    public void Analyze_ModelEvidence_LeavesOutTheGlueWords(string text, string language)
    {
        string[] glue = ["μην", "μου", "δεν", "και", "τι", "la", "io", "di", "a", "i", "am", "the", "is", "so", "and", "you"];

        var result = MessageAnalyzer.Default.Analyze(text, new AnalysisOptions(language));

        var model = result.Evidence.Where(e => e.Rule.StartsWith("model:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(model);
        Assert.DoesNotContain(model, e => glue.Contains(e.Rule["model:".Length..]));
    }

    [Fact]
    public void GreekKey_GreekLettersAndGreeklish_ShareTheirKey()
    {
        Span<char> a = stackalloc char[GreekKey.MaxLength];
        Span<char> b = stackalloc char[GreekKey.MaxLength];
        foreach (var (greek, latin) in new[] { ("ακομα", "akoma"), ("ευχαριστω", "efxaristw"), ("παραγγελια", "paraggelia"), ("θελω", "8elw"), ("γιατι", "giati") })
        {
            var lengthA = GreekKey.Write(greek, a);
            var lengthB = GreekKey.Write(latin, b);

            Assert.Equal(a[..lengthA].ToString(), b[..lengthB].ToString());
        }
    }
}
