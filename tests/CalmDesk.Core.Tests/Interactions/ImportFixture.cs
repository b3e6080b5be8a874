using CalmDesk.Accounts;
using CalmDesk.Customers;
using CalmDesk.Data;

namespace CalmDesk.Interactions;

/// Two customers with contacts and one rep, the usual targets of an interaction import.
internal static class ImportFixture
{
    public static async Task<(int Nino, int Harbour)> SeedAsync(TestDatabase database)
    {
        await database.AddRepAsync("giulia@ourco.example");
        await using var db = database.NewContext();
        var directory = new CustomerDirectory(db, database.Clock);
        var nino = await directory.CreateAsync(Viewer.System, new CustomerInput("Trattoria Da Nino", PreferredLanguage: "it", ExternalId: "C-1"),
            [new ContactInput("Nino Esposito", "nino@trattoria.example")], TestContext.Current.CancellationToken);
        var harbour = await directory.CreateAsync(Viewer.System, new CustomerInput("Harbour Lane Wines", ExternalId: "C-2"),
            [new ContactInput("Oliver Grant", "oliver@harbour.example")], TestContext.Current.CancellationToken);
        return (nino.Value!.Id, harbour.Value!.Id);
    }

    /// The customer's complaint, posted as a message: it opens a case, whose id is returned.
    public static async Task<int> OpenCaseAsync(TestDatabase database, int customerId, string complaint)
    {
        await using var db = database.NewContext();
        var posted = await Books.InteractionLog(db, database.Clock).AddAsync(
            Viewer.System, customerId, new InteractionInput("email", "inbound", null, null, complaint), TestContext.Current.CancellationToken);
        return posted.Value!.CaseId!.Value;
    }
}
