using CalmDesk.Localization;
using Microsoft.AspNetCore.Identity;

namespace CalmDesk.Accounts;

/// Identity's messages that people actually meet (passwords, duplicate or invalid emails), in their language.
internal sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = Messages.Format("The password must be at least {0} characters long.", length) };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = Messages.Get("The password must contain a digit.") };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = Messages.Get("The password must contain a lower-case letter.") };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = Messages.Get("The password must contain an upper-case letter.") };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = Messages.Get("The current password is not right.") };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = Messages.Format("The email {0} is already in use.", email) };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = Messages.Format("The email {0} is already in use.", userName) };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = Messages.Format("'{0}' is not an email address.", email) };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = Messages.Format("'{0}' is not an email address.", userName) };
}
