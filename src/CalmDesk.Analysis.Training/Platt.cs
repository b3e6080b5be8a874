namespace CalmDesk.Analysis.Training;

/// <summary>Platt scaling: p = σ(a·z + b) fitted by Newton's method on (logit, truth, weight) triples, pulled towards a
/// prior (a₀, b₀) by a Gaussian penalty, so a language with few examples of a label keeps nearly the global curve.</summary>
internal static class Platt
{
    public static (double Slope, double Offset) Fit(IReadOnlyList<(double Logit, bool Truth, double Weight)> points, double priorSlope = 1, double priorOffset = 0, double strength = 0)
    {
        double a = priorSlope, b = priorOffset;
        // Platt's targets: not 0 and 1 but slightly inside, against overconfidence on separable data.
        var (high, low) = Targets(points);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = strength * (a - priorSlope), gb = strength * (b - priorOffset);
            double haa = strength, hab = 0, hbb = strength;
            foreach (var (z, truth, w) in points)
            {
                var p = 1 / (1 + Math.Exp(-((a * z) + b)));
                var t = truth ? high : low;
                var d = w * (p - t);
                var s = w * Math.Max(p * (1 - p), 1e-12);
                ga += d * z;
                gb += d;
                haa += s * z * z;
                hab += s * z;
                hbb += s;
            }

            haa += 1e-9;
            hbb += 1e-9;
            var det = (haa * hbb) - (hab * hab);
            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            // Newton's full step overshoots when the logits are large (a pooled head's reach ±25): halve it until the
            // loss falls, or the fit runs off to a slope of 10¹⁰ and every probability becomes 0 or 1.
            var loss = Loss(points, a, b, high, low, priorSlope, priorOffset, strength);
            var step = 1.0;
            while (step > 1e-10 && Loss(points, a - (step * da), b - (step * db), high, low, priorSlope, priorOffset, strength) > loss)
            {
                step /= 2;
            }

            a -= step * da;
            b -= step * db;
            if (step * (Math.Abs(da) + Math.Abs(db)) < 1e-9)
            {
                break;
            }
        }

        return (a, b);
    }

    /// <summary>The cross-entropy of σ(a·z + b) against Platt's targets, unpenalised: how well a curve fits.</summary>
    public static double CrossEntropy(IReadOnlyList<(double Logit, bool Truth, double Weight)> points, double slope, double offset)
    {
        var (high, low) = Targets(points);
        return Loss(points, slope, offset, high, low, 1, 0, 0);
    }

    private static (double High, double Low) Targets(IReadOnlyList<(double Logit, bool Truth, double Weight)> points)
    {
        var positives = points.Where(p => p.Truth).Sum(p => p.Weight);
        var negatives = points.Where(p => !p.Truth).Sum(p => p.Weight);
        return ((positives + 1) / (positives + 2), 1 / (negatives + 2));
    }

    /// <summary>The penalised cross-entropy against Platt's targets, computed without overflow.</summary>
    private static double Loss(IReadOnlyList<(double Logit, bool Truth, double Weight)> points, double a, double b, double high, double low, double priorSlope, double priorOffset, double strength)
    {
        var loss = strength / 2 * (((a - priorSlope) * (a - priorSlope)) + ((b - priorOffset) * (b - priorOffset)));
        foreach (var (z, truth, w) in points)
        {
            var x = (a * z) + b;
            var t = truth ? high : low;
            // −[t·log σ(x) + (1−t)·log(1−σ(x))] = log(1 + e^x) − t·x, with log(1 + e^x) = max(x, 0) + log(1 + e^−|x|).
            loss += w * (Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))) - (t * x));
        }

        return loss;
    }
}
