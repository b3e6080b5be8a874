using System.Globalization;
using System.Text.Json;
using CalmDesk.Accounts;
using CalmDesk.Boundaries;
using CalmDesk.Customers;
using CalmDesk.Incidents;
using CalmDesk.Mail;
using CalmDesk.Offboarding;
using CalmDesk.Reps;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CalmDesk.Audit;

/// <summary>
/// Which records the audit log follows, and how a save's changes to them become <see cref="AuditEntry"/> rows. The
/// database context calls it on every save, so no writer (page, API, command, import) can forget to log: customers,
/// contacts, written terms, each rep's line, incidents marked wrong, hand-overs, let-go steps, reps, users, their roles,
/// API tokens and mailboxes. Bookkeeping that changes on its own (search keys, stamps, a mailbox's last fetch, a token's
/// last use) is left out, and secrets are logged as changed without their value.
/// </summary>
internal static class AuditTrail
{
    public const string Hidden = "•••";

    internal sealed record Kind(string Name, string[] Ignored, string[] Secret, bool ChangesOnly = false);

    private static readonly Dictionary<Type, Kind> Kinds = new()
    {
        [typeof(Customer)] = new(CustomerSubject, [nameof(Customer.SearchKey), nameof(Customer.CreatedAt)], []),
        [typeof(Contact)] = new(ContactSubject, [], []),
        [typeof(Terms)] = new("terms", [nameof(Terms.UpdatedAt)], []),
        [typeof(RepTolerance)] = new("tolerance", [nameof(RepTolerance.UpdatedAt)], []),
        // Incidents are recorded by the analysis all day; what a reviewer asks about is a person overruling one.
        [typeof(AbuseIncident)] = new("incident", [], [], ChangesOnly: true),
        [typeof(Handover)] = new("handover", [nameof(Handover.Version)], []),
        [typeof(CustomerOffboarding)] = new("let-go", [nameof(CustomerOffboarding.Version)], []),
        [typeof(Rep)] = new(RepSubject, [], []),
        [typeof(CalmDeskUser)] = new(UserSubject,
            [nameof(CalmDeskUser.SecurityStamp), nameof(CalmDeskUser.ConcurrencyStamp), nameof(CalmDeskUser.NormalizedEmail),
             nameof(CalmDeskUser.NormalizedUserName), nameof(CalmDeskUser.AccessFailedCount)],
            [nameof(CalmDeskUser.PasswordHash)]),
        [typeof(IdentityUserRole<string>)] = new("role", [], []),
        // A user's account at an OpenID Connect provider, linked at their first sign-in through it.
        [typeof(IdentityUserLogin<string>)] = new("sign-in-link", [], []),
        [typeof(ApiToken)] = new("api-token", [nameof(ApiToken.LastUsedAt), nameof(ApiToken.LastUsedFrom)], [nameof(ApiToken.Hash)]),
        [typeof(Mailbox)] = new("mailbox",
            [nameof(Mailbox.UidValidity), nameof(Mailbox.LastUid), nameof(Mailbox.FetchedCount), nameof(Mailbox.LastFetchAt), nameof(Mailbox.FetchRequestedAt),
             nameof(Mailbox.LastErrorAt), nameof(Mailbox.LastError)],
            [nameof(Mailbox.ProtectedSecret)]),
    };

    /// Every field an entry can name: each followed record's stored properties but its key and what is left out, and
    /// the role a user was given or lost. The audit page shows each by a label (checked by the translation tests).
    public static IEnumerable<string> Fields(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        Kinds.SelectMany(k => model.FindEntityType(k.Key) is { } type
                ? type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && !k.Value.Ignored.Contains(p.Name)).Select(p => p.Name)
                : [])
            .Append("Role").Distinct();

    /// The kinds of record followed, as stored in <see cref="AuditEntry.Subject"/>.
    public static IEnumerable<string> Subjects => Kinds.Values.Select(k => k.Name);

    /// What an entry says was done: the three a save can do, and the two written by hand (<see cref="AuditLog.Record"/>).
    public static readonly string[] Actions = ["added", "changed", "removed", Exported, Erased];

    public const string CustomerSubject = "customer";

    public const string ContactSubject = "contact";

    public const string RepSubject = "rep";

    public const string UserSubject = "user";

    public const string Erased = "erasure";

    public const string Exported = "export";

    /// A change seen before the save; turned into an entry after it, when the keys of new rows are known.
    internal sealed record Pending(EntityEntry Entry, Kind Of, string Action, Dictionary<string, string?[]> Changes)
    {
        public string? SubjectId { get; set; }

        public int? CustomerId { get; set; }
    }

    public static List<Pending> Collect(DbContext db)
    {
        var pending = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !Kinds.TryGetValue(entry.Metadata.ClrType, out var kind)
                || (kind.ChangesOnly && entry.State != EntityState.Modified))
            {
                continue;
            }

            var changes = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsPrimaryKey() || property.Metadata.IsShadowProperty() || kind.Ignored.Contains(name))
                {
                    continue;
                }

                var (before, after) = entry.State switch
                {
                    EntityState.Added => (null, property.CurrentValue),
                    EntityState.Deleted => (property.OriginalValue, null),
                    _ => property.IsModified ? (property.OriginalValue, property.CurrentValue) : (null, null),
                };
                if (Equals(before, after))
                {
                    continue;
                }

                changes[name] = kind.Secret.Contains(name)
                    ? [before is null ? null : Hidden, after is null ? null : Hidden]
                    : [Format(before), Format(after)];
            }

            if (entry.Entity is IdentityUserRole<string> role)
            {
                changes.Clear();
                var name = db.ChangeTracker.Entries<IdentityRole>().FirstOrDefault(r => r.Entity.Id == role.RoleId)?.Entity.Name ?? role.RoleId;
                changes["Role"] = entry.State == EntityState.Added ? [null, name] : [name, null];
            }

            if (changes.Count == 0)
            {
                continue;
            }

            var action = entry.State switch { EntityState.Added => "added", EntityState.Deleted => "removed", _ => "changed" };
            var item = new Pending(entry, kind, action, changes);
            Identify(item);
            pending.Add(item);
        }

        return pending;
    }

    /// Adds the entries for what was saved; the caller saves them in the same transaction.
    public static void Write(DbContext db, List<Pending> pending, AuditActor? actor, DateTimeOffset at)
    {
        foreach (var item in pending)
        {
            if (item.Action == "added")
            {
                Identify(item);
                // A new row's link to another new row (a contact added with its customer) held a temporary key before
                // the save; now it holds the one the database gave.
                foreach (var property in item.Entry.Properties.Where(p => p.Metadata.IsForeignKey() && item.Changes.ContainsKey(p.Metadata.Name)
                    && !item.Of.Secret.Contains(p.Metadata.Name)))
                {
                    item.Changes[property.Metadata.Name] = [null, Format(property.CurrentValue)];
                }
            }

            db.Set<AuditEntry>().Add(new AuditEntry
            {
                At = at,
                ActorUserId = actor?.UserId,
                Actor = actor?.Name ?? AuditActor.System,
                Action = item.Action,
                Subject = item.Of.Name,
                SubjectId = item.SubjectId ?? "",
                CustomerId = item.CustomerId,
                Changes = JsonSerializer.Serialize(item.Changes),
            });
        }
    }

    private static void Identify(Pending item)
    {
        var entry = item.Entry;
        if (entry.Entity is IdentityUserRole<string> role)
        {
            item.SubjectId = role.UserId;
            return;
        }

        if (entry.Entity is IdentityUserLogin<string> login)
        {
            item.SubjectId = login.UserId;
            return;
        }

        item.SubjectId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
        item.CustomerId = entry.Entity switch
        {
            Customer customer => customer.Id,
            _ => entry.Metadata.FindProperty("CustomerId") is { } property ? (int?)entry.Property(property.Name).CurrentValue : null,
        };
    }

    private static string? Format(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > AuditEntry.MaxValueLength } ? text[..AuditEntry.MaxValueLength] + "…" : text;
    }
}
