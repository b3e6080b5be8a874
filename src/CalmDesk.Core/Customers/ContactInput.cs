using System.Net.Mail;
using CalmDesk.Localization;

namespace CalmDesk.Customers;

internal sealed record ContactInput(string? Name, string? Email = null, string? Phone = null, string? Language = null, string? Gender = null)
{
    public Dictionary<string, string[]> Validate(string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name is null ? null : Imports.TextEncodings.Clean(Name)))
        {
            errors[prefix + "name"] = [Messages.Get("The contact's name is required.")];
        }
        else if (Name!.Length > 200)
        {
            errors[prefix + "name"] = [Messages.Get("The contact's name must be at most 200 characters.")];
        }

        // An address with a hidden or reversing character would show one address and hold another: refused, not tidied.
        if (!string.IsNullOrWhiteSpace(Email) && (Email.Length > 320 || !MailAddress.TryCreate(Email.Trim(), out _) || Imports.TextEncodings.Clean(Email) != Email))
        {
            errors[prefix + "email"] = [Messages.Format("'{0}' is not an email address.", Email)];
        }

        if (Phone is { Length: > 50 })
        {
            errors[prefix + "phone"] = [Messages.Get("The phone number must be at most 50 characters.")];
        }

        if (!string.IsNullOrWhiteSpace(Language) && !Languages.IsKnown(Language))
        {
            errors[prefix + "language"] = [Messages.Format("'{0}' is not an ISO 639-1 language code such as en, it or el.", Language)];
        }

        if (Playbooks.Salutation.Normalise(Gender) is { } gender && !Playbooks.Salutation.Genders.Contains(gender))
        {
            errors[prefix + "gender"] = [Messages.Format("'{0}' is not a gender CalmDesk greets by; use female or male, or leave it empty.", Gender)];
        }

        return errors;
    }

    public Contact ToContact() => ApplyTo(new Contact { Name = "" });

    /// Writes the (validated) input over a contact, tidied as a new one is.
    public Contact ApplyTo(Contact contact)
    {
        // Names and numbers lose what can hide or reverse text on screen (NUL, bidirectional overrides), as imports do.
        contact.Name = Imports.TextEncodings.Clean(Name!).Trim();
        contact.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim().ToLowerInvariant();
        contact.Phone = string.IsNullOrWhiteSpace(Phone) ? null : Imports.TextEncodings.Clean(Phone).Trim();
        contact.Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim().ToLowerInvariant();
        contact.Gender = Playbooks.Salutation.Normalise(Gender);
        return contact;
    }
}
