using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;

namespace CalmDesk.Cases;

/// Two reps, each with one customer: Giulia looks after Trattoria Da Nino (Italian), James after Harbour Lane Wines.
internal sealed record CaseFixture(int Nino, int Harbour, int GiuliaRep, Viewer Giulia, int JamesRep, Viewer James)
{
    public static async Task<CaseFixture> SeedAsync(TestDatabase database)
    {
        var (giuliaRep, giuliaUser) = await database.AddRepAsync("giulia@ourco.example");
        var (jamesRep, jamesUser) = await database.AddRepAsync("james@ourco.example");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var nino = await directory.CreateAsync(Viewer.System, new CustomerInput("Trattoria Da Nino", PreferredLanguage: "it", AssignedRepId: giuliaRep),
            [new ContactInput("Nino Esposito", "nino@trattoria.example")], TestContext.Current.CancellationToken);
        var harbour = await directory.CreateAsync(Viewer.System, new CustomerInput("Harbour Lane Wines", AssignedRepId: jamesRep),
            [new ContactInput("Oliver Grant", "oliver@harbour.example")], TestContext.Current.CancellationToken);
        return new CaseFixture(nino.Value!.Id, harbour.Value!.Id, giuliaRep, new Viewer(giuliaUser, false), jamesRep, new Viewer(jamesUser, false));
    }
}
