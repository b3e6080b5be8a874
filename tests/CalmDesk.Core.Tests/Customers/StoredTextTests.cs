using System.Xml.Linq;
using CalmDesk.Localization;

namespace CalmDesk.Customers;

/// What CalmDesk writes into records is read in the reader's language, whoever's request wrote it.
public sealed class StoredTextTests
{
    [Fact]
    public void WrittenDuringAnItalianRequest_IsReadInGreek_WithTheDateInGreekFormat()
    {
        var stored = InCulture.Run("it", () => StoredText.Write("Open promise: {0} (due {1})", StoredText.Write("Check that it stayed fixed: {0}", "Pallet rotto"), new DateOnly(2027, 3, 4)));

        Assert.Equal("Open promise: Check that it stayed fixed: Pallet rotto (due 2027-03-04)", stored);
        Assert.Equal("Ανοιχτή υπόσχεση: Έλεγχος ότι έμεινε λυμένο: Pallet rotto (προθεσμία 4/3/2027)", InCulture.Run("el", () => StoredText.Read(stored)));
    }

    [Fact]
    public void ANote_IsReadLineByLine_AndCountsTakeTheirPluralForm()
    {
        var stored = string.Join('\n', StoredText.Write("No open cases."), StoredText.Write("Abuse incidents in the last 90 days: {0}.", 1));

        Assert.Equal("Nessun caso aperto.\nEpisodi di abuso negli ultimi 90 giorni: 1.", InCulture.Run("it", () => StoredText.Read(stored)));
    }

    [Fact]
    public void ARepsLine_IsReadWithItsCountAndTheKindsInTheReadersWords_TheQuoteAsWritten()
    {
        var stored = InCulture.Run("el", () => StoredText.Write("{0} in the last 30 days, including {1}, which this rep never accepts.", 2, "insult, threat of violence"))
            + "\nYou idiots";

        Assert.Equal("2 episodi negli ultimi 30 giorni, tra cui insulto, minaccia di violenza, che questo commerciale non accetta mai.\nYou idiots", InCulture.Run("it", () => StoredText.Read(stored)));
        Assert.StartsWith("1 episodio negli ultimi 30 giorni", InCulture.Run("it", () => StoredText.Read(StoredText.Write("{0} incidents in the last 30 days, above this rep's limit of {1}.", 1, 0))), StringComparison.Ordinal);
        var one = StoredText.Write("{0} in the last 30 days, including {1}, which this rep never accepts.", 1, "threat of violence");
        Assert.Equal("1 περιστατικό τις τελευταίες 30 ημέρες: απειλή βίας, που αυτός ο πωλητής δεν δέχεται ποτέ.", InCulture.Run("el", () => StoredText.Read(one)));
        Assert.Equal("1 incident in the last 30 days: threat of violence, which this rep never accepts.", InCulture.Run("en", () => StoredText.Read(one)));
    }

    /// A mailbox's problem is met by a background sweep or by whoever connected it; each admin reads it in their language.
    [Fact]
    public void AMailProblem_MetDuringAGreekRequest_IsStoredInEnglishAndReadInItalian()
    {
        var refused = InCulture.Run("el", () => Mail.MailConnections.Stored(new MailKit.Security.AuthenticationException()));
        var unreachable = InCulture.Run("el", () => Mail.MailConnections.Stored(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));
        var answered = Mail.MailConnections.Stored(new MailKit.Net.Smtp.SmtpCommandException(
            MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, "5.1.1 No such user: here"));

        Assert.Equal("the server refused the user name or the password (or token).", refused);
        Assert.Equal("the server refused the connection: check the port.", unreachable);
        Assert.NotEqual(refused, InCulture.Run("it", () => StoredText.Read(refused)));
        Assert.Equal(InCulture.Run("it", () => Messages.Get("the server refused the user name or the password (or token).")), InCulture.Run("it", () => StoredText.Read(refused)));
        Assert.Equal("il server ha rifiutato la connessione: controlla la porta.", InCulture.Run("it", () => StoredText.Read(unreachable)));
        Assert.Equal("the server name was not found: check the host.",
            Mail.MailConnections.Stored(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)));
        Assert.Equal(InCulture.Run("el", () => Messages.Format("the server answered {0}: {1}", 550, "5.1.1 No such user: here")), InCulture.Run("el", () => StoredText.Read(answered)));
    }

    /// Mail the background fetch keeps aside (too large, from nobody known) says why in whoever reads it later's words.
    [Fact]
    public void AKeptAsideMailsReason_IsReadWithTheReadersDecimalMark_AndInTheirLanguage()
    {
        var tooLarge = InCulture.Run("el", () => StoredText.Write(
            "It is {0:N1} MB, more than the {1} MB a message may have, and has no text to keep. Ask the sender for a link or smaller files.", 31.46m, 20));
        var unknown = StoredText.Write(
            "Neither the sender {0} nor the recipients ({1}) are a known contact, and it answers no conversation CalmDesk knows.", "x@example.com", "a@b.test, c@d.test");

        Assert.StartsWith("It is 31.46 MB, more than the 20 MB", tooLarge, StringComparison.Ordinal);
        Assert.StartsWith("Misura 31,5 MB, più dei 20 MB", InCulture.Run("it", () => StoredText.Read(tooLarge)), StringComparison.Ordinal);
        Assert.StartsWith("It is 31.5 MB", InCulture.Run("en-GB", () => StoredText.Read(tooLarge)), StringComparison.Ordinal);
        Assert.Equal(InCulture.Run("el", () => Messages.Format(
                "Neither the sender {0} nor the recipients ({1}) are a known contact, and it answers no conversation CalmDesk knows.", "x@example.com", "a@b.test, c@d.test")),
            InCulture.Run("el", () => StoredText.Read(unknown)));
        // Only a figure's placeholder reads a decimal: a typed title shaped like one stays as typed.
        Assert.Equal(InCulture.Run("it", () => Messages.Format("Open case: {0}", "2.5")), InCulture.Run("it", () => StoredText.Read(StoredText.Write("Open case: {0}", "2.5"))));
    }

    [Fact]
    public void WhatAPersonTyped_IsShownAsTyped()
    {
        Assert.Equal("Richiamare il cliente venerdì", InCulture.Run("el", () => StoredText.Read("Richiamare il cliente venerdì")));
        Assert.Null(StoredText.Read(null));
        Assert.Throws<ArgumentException>(() => StoredText.Write("Something CalmDesk never stores"));
    }

    [Theory]
    [InlineData("it")]
    [InlineData("el")]
    public void EveryStoredKind_IsTranslated(string language)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "CalmDesk.Core", "Localization", $"Messages.{language}.resx");
        var keys = XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.All(StoredText.Kinds, kind => Assert.Contains(kind, keys));
    }
}
