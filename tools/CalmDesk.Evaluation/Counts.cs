namespace CalmDesk.Evaluation;

/// <summary>True/false positives and negatives, with precision, recall and F1.</summary>
internal sealed class Counts
{
    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int FalseNegatives { get; private set; }

    public int TrueNegatives { get; private set; }

    public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public int Positives => TruePositives + FalseNegatives;

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public void Add(bool expected, bool predicted)
    {
        if (expected && predicted)
        {
            TruePositives++;
        }
        else if (predicted)
        {
            FalsePositives++;
        }
        else if (expected)
        {
            FalseNegatives++;
        }
        else
        {
            TrueNegatives++;
        }
    }
}
