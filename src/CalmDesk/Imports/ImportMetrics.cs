using System.Diagnostics.Metrics;

namespace CalmDesk.Imports;

/// Counts imported, duplicate and rejected records per import kind, for OpenTelemetry.
internal static class ImportMetrics
{
    public const string MeterName = "CalmDesk.Imports";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("calmdesk.import.records", "{record}", "Records read by imports, by outcome");

    public static void Record(string kind, ImportReport report)
    {
        Records.Add(report.Imported, new("kind", kind), new("outcome", "imported"));
        Records.Add(report.Duplicates, new("kind", kind), new("outcome", "duplicate"));
        Records.Add(report.Rejected.Count, new("kind", kind), new("outcome", "rejected"));
    }
}
