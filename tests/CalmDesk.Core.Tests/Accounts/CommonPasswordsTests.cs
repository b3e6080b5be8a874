namespace CalmDesk.Accounts;

public sealed class CommonPasswordsTests
{
    [Theory]
    [InlineData("Password-123")]
    [InlineData("P@ssw0rd-2026")]
    [InlineData("Welcome123!!")]
    [InlineData("Qwerty-12345")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("qwertyuiop12")]
    [InlineData("0987654321")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("12121212121212")]
    [InlineData("Ciao-amore-2025")]
    [InlineData("Olympiakos1925!")]
    [InlineData("Passsssword-99")]
    [InlineData("2026-11-27-!!")]
    [InlineData("CalmDesk-2026")]
    public void PasswordsAnyoneWouldTryFirst_AreRefused(string password) =>
        Assert.True(CommonPasswords.IsCommon(password), password);

    [Theory]
    [InlineData("Quiet-Harbour-47")]
    [InlineData("CalmDesk-demo-2026")]
    [InlineData("correct horse battery staple")]
    [InlineData("Il-mio-gatto-dorme-sul-tetto")]
    [InlineData("Η γάτα κοιμάται 2026")]
    [InlineData("My-own-password-2")]
    public void PhrasesOfOnesOwn_AreAccepted(string password) =>
        Assert.False(CommonPasswords.IsCommon(password), password);

    [Fact]
    public void TheUsersOwnAddressOrName_IsRefused()
    {
        var user = new CalmDeskUser { Email = "giulia.bianchi@ourco.example", DisplayName = "Giulia Bianchi" };

        Assert.True(CommonPasswords.IsPersonal("giulia.bianchi-2026", user));
        Assert.True(CommonPasswords.IsPersonal("Bianchi-Loves-Cats-9", user));
        Assert.False(CommonPasswords.IsPersonal("Quiet-Harbour-47", user));
    }
}
