using BenchmarkDotNet.Attributes;
using CalmDesk.Analysis;

namespace CalmDesk.Benchmarks;

/// <summary>Time and allocation per message of <see cref="MessageAnalyzer.Analyze"/>, on a short calm message,
/// an angry Italian e-mail and a Greek abusive one (the allocation target is below 2 KB per message).</summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks
{
    private const string Calm = "Hello, could you confirm the delivery date for next week's order? Thanks, Anna";
    private const string AngryItalian = "Questa è una vergogna. Avevamo ordinato 40 cartoni da 750ml (ordine SO-24000) e ci avete consegnato quelli da 330ml. DI NUOVO!!! Se entro domattina non è risolto, abbiamo chiuso con voi.";
    private const string AbusiveGreek = "Είστε εντελώς άχρηστοι; Σας το έχω πει τρεις φορές. Είστε όλοι ηλίθιοι. Δώσε μου τον προϊστάμενό σου τώρα αλλιώς παίρνω τον δικηγόρο μου.";

    private readonly MessageAnalyzer _analyzer = MessageAnalyzer.Default;

    [Benchmark(Baseline = true)]
    public AnalysisResult CalmEnglish() => _analyzer.Analyze(Calm);

    [Benchmark]
    public AnalysisResult AngryItalianEmail() => _analyzer.Analyze(AngryItalian);

    [Benchmark]
    public AnalysisResult AbusiveGreekMessage() => _analyzer.Analyze(AbusiveGreek);
}
