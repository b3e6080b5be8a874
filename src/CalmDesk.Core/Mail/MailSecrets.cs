using Microsoft.AspNetCore.DataProtection;

namespace CalmDesk.Mail;

/// Encrypts mailbox passwords and tokens at rest with the installation's Data Protection keys (in the database, shared by
/// every instance on it).
internal sealed class MailSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("CalmDesk.Mail.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// The secret, or null when the keys that encrypted it are gone (a data folder restored without its keys).
    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
