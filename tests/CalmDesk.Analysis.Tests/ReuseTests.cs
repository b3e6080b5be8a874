namespace CalmDesk.Analysis;

/// <summary>The analyzer reuses per-thread buffers: results must not share them, threads must not disturb each
/// other, and a message must allocate little more than its own result.</summary>
public sealed class ReuseTests
{
    private static readonly string[] Messages =
    [
        "Hello, could you confirm the delivery date for next week's order? Thanks, Anna",
        "Questa è una vergogna. Avevamo ordinato 40 cartoni da 750ml (ordine SO-24000) e ci avete consegnato quelli da 330ml. DI NUOVO!!! Se entro domattina non è risolto, abbiamo chiuso con voi.",
        "Είστε εντελώς άχρηστοι; Σας το έχω πει τρεις φορές. Είστε όλοι ηλίθιοι. Δώσε μου τον προϊστάμενό σου τώρα αλλιώς παίρνω τον δικηγόρο μου.",
        "You idiots sent the WRONG pallets AGAIN!!! I'm calling my lawyer 😡",
    ];

    [Fact]
    public void Analyze_ALaterMessage_LeavesEarlierResultsAsTheyWere()
    {
        var analyzer = new MessageAnalyzer();
        var first = analyzer.Analyze(Messages[3]);
        var evidence = first.Evidence.ToArray();

        for (var i = 0; i < 3; i++)
        {
            analyzer.Analyze(Messages[i]);
        }

        Assert.Equal(evidence, first.Evidence);
        Assert.True(first.Abuse.Targeted);
        Assert.Contains(first.Threats, t => t.Kind == "legal");
    }

    [Fact]
    public void Analyze_FromManyThreadsAtOnce_GivesEachMessageTheSameAnswerAsAlone()
    {
        var analyzer = new MessageAnalyzer();
        var alone = Messages.Select(m => Describe(analyzer.Analyze(m))).ToArray();

        var together = new string[400];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = Describe(analyzer.Analyze(Messages[i % Messages.Length])));

        for (var i = 0; i < together.Length; i++)
        {
            Assert.Equal(alone[i % Messages.Length], together[i]);
        }
    }

    [Fact]
    public void Analyze_AtSteadyState_AllocatesLessThanFourKilobytesPerMessage()
    {
        var analyzer = new MessageAnalyzer();
        foreach (var message in Messages)
        {
            analyzer.Analyze(message);
        }

        const int Rounds = 200;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var message in Messages)
            {
                analyzer.Analyze(message);
            }
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * Messages.Length);
        Assert.True(perMessage < 4096, $"{perMessage:0} bytes per message");
    }

    private static string Describe(AnalysisResult result) =>
        $"{result.Language.Code} {result.Anger.Score} {result.Abuse.Score} {string.Join(',', result.Abuse.Kinds)} {result.Abuse.Targeted} "
        + string.Join(';', result.Threats.Concat(result.Situations)) + " | " + string.Join(';', result.Evidence);
}
