using System.Globalization;

namespace CalmDesk.Playbooks;

/// The greeting of a reply or letter. A contact whose gender is known is greeted by title and surname ("Dear Ms
/// Hughes", "Gentile signora Bruno", "Αγαπητή κυρία Μαρκάκη", the Greek surname in the vocative: "Αγαπητέ κύριε
/// Μαρκάκη", not "Μαρκάκης"); otherwise the language's neutral form, never a slash ("Αγαπητέ/ή").
internal static class Salutation
{
    /// The values key that carries the contact's gender ("female", "male" or empty) to the greeting.
    public const string GenderKey = "gender";

    public static readonly IReadOnlyList<string> Genders = ["female", "male"];

    public static string Greeting(ReplyTexts texts, IReadOnlyDictionary<string, string> values, int seed)
    {
        var gender = values.GetValueOrDefault(GenderKey) ?? "";
        var section = Genders.Contains(gender) && texts.Sections.ContainsKey("greeting-" + gender) ? "greeting-" + gender : "greeting";
        var surname = Surname(values.GetValueOrDefault("contact"));
        var filled = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["surname"] = surname,
            ["surname_vocative"] = texts.Language == "el" ? GreekVocative(surname, gender) : surname,
        };
        return ReplyDrafter.Fill(texts.Pick(section, seed), filled);
    }

    public static string? Normalise(string? gender) =>
        string.IsNullOrWhiteSpace(gender) ? null : gender.Trim().ToLowerInvariant() switch
        {
            "female" or "f" or "woman" => "female",
            "male" or "m" or "man" => "male",
            _ => gender.Trim().ToLowerInvariant(),
        };

    private static string Surname(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// A Greek surname as one addresses its bearer: a man's -ης, -ας and -ος become -η, -α and -ε (Μαρκάκης →
    /// Μαρκάκη, Παπαδόπουλος → Παπαδόπουλε); a woman's surname (Μαρκάκη, Παπαδοπούλου) and names in Latin letters
    /// stay as they are.
    public static string GreekVocative(string surname, string gender)
    {
        if (gender != "male" || surname.Length < 3 || !surname.Any(c => c is >= 'Α' and <= 'ω' or >= 'ά' and <= 'ώ'))
        {
            return surname;
        }

        var ending = surname[^2..];
        var stem = surname[..^2];
        return ending.ToLower(CultureInfo.GetCultureInfo("el")) switch
        {
            "ης" => stem + (char.IsUpper(ending[0]) ? "Η" : "η"),
            "ής" => stem + (char.IsUpper(ending[0]) ? "Ή" : "ή"),
            "ας" => stem + (char.IsUpper(ending[0]) ? "Α" : "α"),
            "άς" => stem + (char.IsUpper(ending[0]) ? "Ά" : "ά"),
            "ος" => stem + (char.IsUpper(ending[0]) ? "Ε" : "ε"),
            "ός" => stem + (char.IsUpper(ending[0]) ? "Έ" : "έ"),
            _ => surname,
        };
    }
}
