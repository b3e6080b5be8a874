namespace CalmDesk.Analysis.Training;

/// <summary>Platt scaling: p = σ(a·z + b) fitted by Newton's method on (logit, truth, weight) triples, pulled towards a
/// prior (a₀, b₀) by a Gaussian penalty, so a language with few examples of a label keeps nearly the global curve.</summary>
internal static class Platt
{
    public static (double Slope, double Offset) Fit(IReadOnlyList<(double Logit, bool Truth, double Weight)> points, double priorSlope = 1, double priorOffset = 0, double strength = 0)
    {
        double a = priorSlope, b = priorOffset;
        // Platt's targets: not 0 and 1 but slightly inside, against overconfidence on separable data.
        var positives = points.Where(p => p.Truth).Sum(p => p.Weight);
        var negatives = points.Where(p => !p.Truth).Sum(p => p.Weight);
        var high = (positives + 1) / (positives + 2);
        var low = 1 / (negatives + 2);
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
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        return (a, b);
    }
}
