using System.Net;
using CalmDesk.Infrastructure;

namespace CalmDesk.Analysis;

public sealed class AnalyzeApiTests(Servers servers)
{
    [Fact]
    public async Task Analyze_ReturnsVerdictsWithEvidenceIntoTheReturnedText()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var response = await Json.PostAsync(rep, "/api/v1/analyze", new { text = "<p>Είστε <b>ΗΛΙΘΙΟΙ</b>!!! Θα σας κάνω μήνυση και τα λέμε στα δικαστήρια.</p>" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        var text = result.GetProperty("text").GetString()!;
        Assert.Equal("el", result.GetProperty("language").GetString());
        Assert.True(result.GetProperty("anger").GetProperty("score").GetDouble() >= 0.5);
        Assert.True(result.GetProperty("abuse").GetProperty("targeted").GetBoolean());
        Assert.Contains("insult", result.GetProperty("abuse").GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("legal", result.GetProperty("threats").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var insult = result.GetProperty("evidence").EnumerateArray()
            .First(e => e.GetProperty("label").GetString() == "abuse:insult" && e.GetProperty("rule").GetString()!.StartsWith("lexicon:", StringComparison.Ordinal));
        Assert.Equal("ΗΛΙΘΙΟΙ", text.Substring(insult.GetProperty("offset").GetInt32(), insult.GetProperty("length").GetInt32()));
    }

    [Fact]
    public async Task Analyze_WithoutTextOrWithUnknownLanguage_IsAValidationProblem()
    {
        var server = await servers.GetAsync("sqlite");
        var (rep, _) = await server.SignUpAsync("Rep");

        var missing = await Json.PostAsync(rep, "/api/v1/analyze", new { language = "it" });
        var klingon = await Json.PostAsync(rep, "/api/v1/analyze", new { text = "nuqneH", language = "tlh" });
        var anonymous = await Json.PostAsync(server.CreateClient(), "/api/v1/analyze", new { text = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await Json.ReadAsync(missing)).GetProperty("errors").TryGetProperty("text", out _));
        Assert.True((await Json.ReadAsync(klingon)).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task AddedInteraction_IsAnalysedAndStoredWithItsVerdicts(string provider)
    {
        var server = await servers.GetAsync(provider);
        var (rep, _) = await server.SignUpAsync("Rep");
        var id = (await Json.ReadAsync(await Json.PostAsync(rep, "/api/v1/customers", new { company = "Hotel Bellavista", preferredLanguage = "it" }))).GetProperty("id").GetInt32();
        await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new { channel = "email", direction = "inbound", body = "Buongiorno, mi manda il listino? Grazie" });

        var created = await Json.ReadAsync(await Json.PostAsync(rep, $"/api/v1/customers/{id}/interactions", new
        {
            channel = "email", direction = "inbound", body = "Siete degli incompetenti!!! Ci avete consegnato merce sbagliata, chiamo il mio avvocato.",
        }));
        var timeline = await Json.ReadAsync(await rep.GetAsync($"/api/v1/customers/{id}/interactions", TestContext.Current.CancellationToken));
        var list = await Json.ReadAsync(await rep.GetAsync("/api/v1/customers?q=bellavista", TestContext.Current.CancellationToken));

        var analysis = created.GetProperty("analysis");
        Assert.Equal("it", analysis.GetProperty("language").GetString());
        Assert.True(analysis.GetProperty("abuse").GetProperty("score").GetDouble() >= 0.5);
        Assert.Contains("wrong_delivery", analysis.GetProperty("situations").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(analysis.GetProperty("anger").GetProperty("score").GetDouble(),
            timeline.GetProperty("items")[0].GetProperty("analysis").GetProperty("anger").GetProperty("score").GetDouble());
        var mood = list.GetProperty("items")[0].GetProperty("mood");
        Assert.True(mood.GetProperty("latestAbusive").GetBoolean());
        Assert.True(mood.GetProperty("trend").GetDouble() > 0);
    }
}
