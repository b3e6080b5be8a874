using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Data;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Mail;
using CalmDesk.Offboarding;
using CalmDesk.Playbooks;
using CalmDesk.Receivables;
using Microsoft.Extensions.Options;

namespace CalmDesk;

/// The services a test uses over its own database context, each given the collaborators it asks for in its constructor
/// (the program's container does the same from <see cref="CoreServices.AddCalmDeskCore"/>). A test that sets analysis
/// thresholds or a model gets every service in the chain built with them.
internal static class Books
{
    public static InteractionLog InteractionLog(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null) =>
        new(db, clock, new MessageIntake(db, thresholds, model), model);

    public static CaseMessages CaseMessages(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null) =>
        new(db, clock, InteractionLog(db, clock, thresholds, model));

    public static CommitmentBook CommitmentBook(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null) =>
        new(db, clock, CaseMessages(db, clock, thresholds, model), InteractionLog(db, clock, thresholds, model));

    /// The case book over a test database, its list reading the figures a health book on the same database stores.
    public static CaseBook CaseBook(TestDatabase database, CalmDeskDbContext db) =>
        new(db, database.Clock, CommitmentBook(db, database.Clock), HealthBook(database, db));

    public static CaseGuide CaseGuide(
        TestDatabase database, CalmDeskDbContext db, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null, IOptions<ReceivablesOptions>? business = null) =>
        new(db, database.Clock, CaseBook(database, db), CommitmentBook(db, database.Clock, thresholds, model), CaseMessages(db, database.Clock, thresholds, model), model, business);

    public static OffboardingDesk OffboardingDesk(CalmDeskDbContext db, TimeProvider clock, PlaybookStore playbooks, IOptions<ReceivablesOptions> money) =>
        new(db, clock, playbooks, money, InteractionLog(db, clock));

    public static MailImport MailImport(
        CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null, AttachmentStore? attachments = null) =>
        new(db, clock, new MessageIntake(db, thresholds, model), attachments);

    /// The health book over a test database, with the default health settings and a memory of its own unless given.
    public static Health.HealthBook HealthBook(
        TestDatabase database, CalmDeskDbContext db, IOptions<ReceivablesOptions>? business = null, IOptions<Health.HealthOptions>? options = null,
        Microsoft.Extensions.Caching.Memory.IMemoryCache? memo = null) =>
        new(db, database.Clock, options ?? Options.Create(new Health.HealthOptions()), business ?? Options.Create(new ReceivablesOptions()), database.Contexts,
            memo ?? new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));

    /// The inbox over its stored conversations, caught up by a health book on the same database.
    public static InboxBook InboxBook(TestDatabase database, CalmDeskDbContext db, IOptions<ReceivablesOptions>? business = null) =>
        new(db, database.Clock, HealthBook(database, db, business), business);

    public static InteractionCsvImport InteractionCsvImport(CalmDeskDbContext db, TimeProvider clock, IOptions<AnalysisThresholds>? thresholds = null, ActiveModel? model = null) =>
        new(db, clock, new MessageIntake(db, thresholds, model));
}
