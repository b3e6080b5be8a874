namespace CalmDesk.Mail;

/// A stored file's name can be shown and downloaded safely: no path, no reserved characters, and none of the invisible
/// format characters that make a name read as something else.
public sealed class AttachmentNameTests
{
    [Theory]
    [InlineData("fattura\u202Efdp.exe", "fatturafdp.exe")]
    [InlineData("offer\u200B.pdf", "offer.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a<b>c.txt", "a_b_c.txt")]
    [InlineData("Preventivo Μαρκάκης.pdf", "Preventivo Μαρκάκης.pdf")]
    public void CleanName_DropsWhatCouldDisguiseOrEscapeTheName(string given, string kept) =>
        Assert.Equal(kept, AttachmentStore.CleanName(given, "application/pdf"));
}
