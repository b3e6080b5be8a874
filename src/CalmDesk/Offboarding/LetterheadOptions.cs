namespace CalmDesk.Offboarding;

/// The business's name and address printed at the top of letters (`Letterhead:` in appsettings.json or the environment).
internal sealed class LetterheadOptions
{
    public string Name { get; set; } = "";

    /// Street, town, phone or e-mail: one line each (separated by new lines or "|").
    public string Address { get; set; } = "";

    public IEnumerable<string> Lines =>
        Address.Split(['\n', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
