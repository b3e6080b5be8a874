using CalmDesk.Analysis.Learning;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CalmDesk.Analysis.Training;

/// <summary>Fits one head's logistic regression with ML.NET's L-BFGS (L1 and L2 regularised), single-threaded and
/// seeded, so a fit is reproducible. Weights are rounded to half precision, as the model file stores them.</summary>
internal static class HeadTrainer
{
    public sealed record Regularisation(float L1, float L2);

    public static (float[] Weights, float Bias) Fit(IReadOnlyList<FeatureRow> rows, int head, Regularisation regularisation)
    {
        var context = new MLContext(seed: 1);
        var data = context.Data.LoadFromEnumerable(rows.Where(r => r.Sample.Labels[head] is not null).Select(r => new Row
        {
            Label = r.Sample.Labels[head]!.Value,
            Weight = r.Sample.Weight,
            Features = new VBuffer<float>(FeatureHash.Size, r.Indices.Length, r.Values, r.Indices),
        }));
        var trainer = context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L1Regularization = regularisation.L1,
            L2Regularization = regularisation.L2,
            OptimizationTolerance = 1e-6f,
            MaximumNumberOfIterations = 300,
            NumberOfThreads = 1,
            ShowTrainingStatistics = false,
        });
        var model = trainer.Fit(data).Model.SubModel;
        var weights = new float[FeatureHash.Size];
        var i = 0;
        foreach (var weight in model.Weights)
        {
            weights[i++] = (float)(Half)weight;
        }

        return (weights, (float)(Half)model.Bias);
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public float Weight { get; set; }

        [VectorType(FeatureHash.Size)]
        public VBuffer<float> Features { get; set; }
    }
}
