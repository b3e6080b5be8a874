using System.Globalization;

namespace CalmDesk.Infrastructure;

/// File sizes as people read them, in the reader's culture: "840 B", "12 KB", "3.4 MB" ("3,4 MB" in Italian and Greek).
internal static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("N0", CultureInfo.CurrentCulture) + " B",
        < 1024 * 1024 => (bytes / 1024d).ToString("N0", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("N1", CultureInfo.CurrentCulture) + " MB",
    };
}
