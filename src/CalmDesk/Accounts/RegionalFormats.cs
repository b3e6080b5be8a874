using System.Globalization;

namespace CalmDesk.Accounts;

/// The ways of writing dates, times and numbers a user can choose, whatever the language of the interface.
internal static class RegionalFormats
{
    public static readonly CultureInfo[] Offered =
    [
        .. new[] { "en-GB", "en-IE", "en-US", "en-CA", "en-AU", "it-IT", "it-CH", "el-GR", "el-CY", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE", "es-ES", "pt-PT" }
            .Select(CultureInfo.GetCultureInfo),
    ];

    public static bool IsOffered(string? name) =>
        !string.IsNullOrEmpty(name) && Offered.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
