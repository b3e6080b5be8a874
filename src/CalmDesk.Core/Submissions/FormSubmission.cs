using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CalmDesk.Submissions;

/// One posted form, by the token the page put in it: the first post claims the token and does the work; a second
/// post of the same form (a double click, a reload, the back button) finds it and is sent where the first went.
internal sealed class FormSubmission
{
    public const int MaxKeyLength = 100;
    public const int MaxLocationLength = 2000;

    /// The user's id and the form's token: a token only ever counts for the user it was given to.
    public required string Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// Where the first post sent the browser once it succeeded; null while it runs.
    public string? Location { get; set; }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(FormSubmission.MaxKeyLength);
        builder.Property(s => s.Location).HasMaxLength(FormSubmission.MaxLocationLength);
        builder.HasIndex(s => s.CreatedAt);
    }
}
