using System.Security.Cryptography;

namespace CalmDesk.Accounts;

internal static class OneTimePassword
{
    /// A random password that satisfies the Identity policy (length, digits, both cases), for first sign-in only.
    public static string Create() =>
        "Cd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'Y');
}
