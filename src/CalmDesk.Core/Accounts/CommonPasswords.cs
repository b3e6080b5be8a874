using CalmDesk.Localization;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// <summary>
/// Refuses the passwords people guess first (NIST SP 800-63B, 5.1.1.2): a common password dressed up with capitals,
/// digits, symbols and look-alike characters ("P@ssw0rd-2026", "Welcome123!", "Qwerty-12345"), a keyboard walk or a
/// run ("1qaz2wsx3edc", "aaaaaaaaaa", "abcabcabcabc"), and the user's own e-mail or name. A password is reduced to
/// its letters (look-alikes read as the letters they stand for); what is left must not be one of the common
/// words in <see cref="Words"/>, and a password of digits and symbols with fewer than three letters (a date, a phone
/// number) is refused too. Length and character rules are Identity's own, checked beside this one.
/// </summary>
internal sealed class CommonPasswords : IPasswordValidator<CalmDeskUser>
{
    /// The words at the root of the most-used passwords, in the languages CalmDesk is used in; our own list, drawn from
    /// what published breach studies name as the commonest roots (words, not anyone's passwords).
    public static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "password", "passwort", "passe", "motdepasse", "contrasena", "senha", "parola", "parolachiave", "kodikos", "pass", "passwd", "pwd",
        "qwerty", "qwertz", "azerty", "qwertyuiop", "asdf", "asdfgh", "asdfghjkl", "zxcvbnm", "qazwsx", "qweasd", "qwe", "abc", "abcdef",
        "welcome", "letmein", "iloveyou", "loveyou", "love", "lovely", "trustno", "admin", "administrator", "root", "user", "guest", "test",
        "tester", "testing", "default", "changeme", "secret", "private", "login", "access", "master", "super", "superman", "batman",
        "monkey", "dragon", "shadow", "sunshine", "princess", "football", "baseball", "soccer", "hockey", "starwars", "whatever", "computer",
        "internet", "freedom", "hello", "helloworld", "summer", "winter", "spring", "autumn", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "monday", "friday", "sunday", "michael", "jordan", "charlie",
        "jennifer", "thomas", "daniel", "andrea", "maria", "marco", "giuseppe", "giovanni", "francesca", "alessandro", "dimitris", "giorgos",
        "nikos", "eleni", "cookie", "chocolate", "cheese", "banana", "orange", "purple", "silver", "golden", "diamond", "killer",
        "hunter", "ranger", "tigger", "pokemon", "minecraft", "google", "facebook", "instagram", "microsoft", "apple", "samsung", "iphone",
        "company", "business", "office", "manager", "sales", "support", "service", "customer", "money", "ciao", "amore", "tiamo", "juventus",
        "milan", "inter", "napoli", "roma", "lazio", "forza", "forzainter", "forzamilan", "forzanapoli", "italia", "olympiakos", "panathinaikos",
        "paok", "aek", "kalimera", "agapi", "agapimou", "hellas", "ellada", "athens", "athina", "london", "liverpool", "arsenal", "chelsea",
        "barcelona", "realmadrid", "madrid", "paris", "berlin", "bonjour", "hallo", "hola", "olympics", "jesus", "christ", "angel", "family",
        "calmdesk", "zzzz", "xxxx", "aaaa", "qqqq",
    };

    private static readonly string[] Rows =
    [
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop", "1234567890", "abcdefghijklmnopqrstuvwxyz", "1qaz2wsx3edc4rfv5tgb6yhn",
        "qazwsxedcrfvtgbyhnujmikolp", "zaq1xsw2cde3vfr4bgt5nhy6",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<CalmDeskUser> manager, CalmDeskUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(Failed("PasswordTooCommon", Messages.Get("This password is one of the first that anyone would try. Choose a longer phrase of your own.")));
        }

        return Task.FromResult(IsPersonal(password, user)
            ? Failed("PasswordIsPersonal", Messages.Get("The password must not contain your e-mail address or your name."))
            : IdentityResult.Success);
    }

    /// A common root dressed up, a keyboard walk, or a run of one short piece.
    public static bool IsCommon(string password)
    {
        var plain = new string([.. password.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        // Digits and symbols before and after are decoration ("Welcome123!!"); inside, they stand for letters ("P@ssw0rd").
        var core = password.ToLowerInvariant().Trim().TrimStart(Decoration).TrimEnd(Decoration);
        var mapped = new string([.. core.Select(LookAlike)]);
        var letters = new string([.. mapped.Where(char.IsLetter)]);
        var parts = mapped.Split([.. mapped.Where(c => !char.IsLetter(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries);
        // Digits and symbols with hardly a letter (a date, a phone number) are guessed from what is known of a person.
        return password.Count(char.IsLetter) < 3 || IsWord(letters) || (parts.Length > 0 && parts.All(IsWord))
            || IsWalk(plain) || IsRun(plain);
    }

    private static readonly char[] Decoration = [.. Enumerable.Range(32, 95).Select(i => (char)i).Where(c => !char.IsLetter(c))];

    private static readonly HashSet<string> Squeezed = [.. Words.Select(Squeeze)];

    /// One of the common words, however many times a letter is typed ("passsword").
    private static bool IsWord(string letters) => Squeezed.Contains(Squeeze(letters));

    /// The user's e-mail (or the part before the @, when it is long enough to mean something) or name inside the password.
    public static bool IsPersonal(string password, CalmDeskUser user)
    {
        var text = password.ToLowerInvariant();
        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        IEnumerable<string?> marks = [user.Email?.ToLowerInvariant(), local, .. (user.DisplayName ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        return marks.Any(m => m is { Length: >= 4 } && text.Contains(m, StringComparison.Ordinal));
    }

    private static char LookAlike(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '@' => 'a', '$' => 's', '!' => 'i', '€' => 'e',
        _ => c,
    };

    /// "passsword" and "welcomeeee": runs of one letter count once.
    private static string Squeeze(string text) =>
        new([.. text.Where((c, i) => i == 0 || c != text[i - 1])]);

    /// Letters and digits that follow a keyboard row or the alphabet, either way.
    private static bool IsWalk(string plain) =>
        plain.Length > 0 && Rows.Any(r => r.Contains(plain, StringComparison.Ordinal) || new string([.. r.Reverse()]).Contains(plain, StringComparison.Ordinal));

    /// One piece of at most four characters, repeated ("aaaaaaaaaa", "abcabcabcabc", "12121212").
    private static bool IsRun(string plain)
    {
        for (var unit = 1; unit <= 4 && unit < plain.Length; unit++)
        {
            if (plain.Length % unit == 0 && Enumerable.Range(0, plain.Length).All(i => plain[i] == plain[i % unit]))
            {
                return true;
            }
        }

        return plain.Length == 0;
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
