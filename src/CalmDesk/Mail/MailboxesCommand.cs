using System.CommandLine;
using System.Globalization;
using CalmDesk.Infrastructure;

namespace CalmDesk.Mail;

/// `calmdesk mailboxes add|list|test`: connect a mailbox from a shell, see each one's health, check its login.
internal static class MailboxesCommand
{
    public const string SecretVariable = "CALMDESK_MAIL_SECRET";

    public static Command Create()
    {
        var mailboxes = new Command("mailboxes", "Connected mailboxes: CalmDesk fetches their mail and sends through them");
        mailboxes.Subcommands.Add(Add());
        mailboxes.Subcommands.Add(List());
        mailboxes.Subcommands.Add(Test());
        return mailboxes;
    }

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "What people call it, e.g. Sales", Required = true };
        var address = new Option<string>("--address") { Description = "The address customers write to, e.g. sales@example.com", Required = true };
        var imapHost = new Option<string>("--imap-host") { Description = "The IMAP server, e.g. outlook.office365.com", Required = true };
        var imapPort = new Option<int?>("--imap-port") { Description = "Default 993 with tls, 143 otherwise" };
        var imapSecurity = new Option<string>("--imap-security") { Description = "tls, starttls, or none (only for a server on this machine)", DefaultValueFactory = _ => "tls" };
        var user = new Option<string>("--user") { Description = "The login, usually the address", Required = true };
        var oauth = new Option<bool>("--oauth2") { Description = "The secret is an OAuth2 access token (XOAUTH2), not a password" };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = $"Read the password or token from the first line of standard input (otherwise from ${SecretVariable})" };
        var folder = new Option<string?>("--folder") { Description = "The folder to fetch (default INBOX)" };
        var smtpHost = new Option<string?>("--smtp-host") { Description = "The SMTP server for sending, e.g. smtp.office365.com; without it the mailbox only receives" };
        var smtpPort = new Option<int?>("--smtp-port") { Description = "Default 587 with starttls, 465 with tls, 25 with none" };
        var smtpSecurity = new Option<string>("--smtp-security") { Description = "starttls, tls, or none (only for a server on this machine)", DefaultValueFactory = _ => "starttls" };
        var displayName = new Option<string?>("--display-name") { Description = "The name shown on sent mail" };
        var command = new Command("add", "Connect a mailbox; the secret is stored encrypted and never shown again")
        {
            name, address, imapHost, imapPort, imapSecurity, user, oauth, secretStdin, folder, smtpHost, smtpPort, smtpSecurity, displayName,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secret = parse.GetValue(secretStdin) ? await Console.In.ReadLineAsync(cancellationToken) : Environment.GetEnvironmentVariable(SecretVariable);
            if (string.IsNullOrEmpty(secret))
            {
                await Console.Error.WriteLineAsync($"error: give the password or token on standard input with --secret-stdin, or in ${SecretVariable}.");
                return 1;
            }

            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var input = new MailboxInput(
                parse.GetValue(name), parse.GetValue(address), parse.GetValue(imapHost), parse.GetValue(user), secret, parse.GetValue(imapPort),
                parse.GetValue(imapSecurity), parse.GetValue(folder), parse.GetValue(oauth) ? nameof(MailAuthentication.OAuth2) : nameof(MailAuthentication.Password),
                parse.GetValue(smtpHost), parse.GetValue(smtpPort), parse.GetValue(smtpSecurity), parse.GetValue(displayName));
            var outcome = await scope.ServiceProvider.GetRequiredService<MailboxBook>().AddAsync(input, cancellationToken);
            if (outcome.Value is not { } view)
            {
                foreach (var (field, messages) in outcome.Errors)
                {
                    await Console.Error.WriteLineAsync($"error: {field}: {string.Join(" ", messages)}");
                }

                return 1;
            }

            Console.WriteLine($"Mailbox {view.Id} ({view.Address}) connected. Check the login with: calmdesk mailboxes test {view.Id}");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the mailboxes with their last fetch, last error and mail waiting");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<MailboxBook>().ListAsync(cancellationToken);
            if (list.Count == 0)
            {
                Console.WriteLine("No mailbox is connected: mail the product sends is recorded only. Add one with: calmdesk mailboxes add --help");
                return 0;
            }

            foreach (var m in list)
            {
                var fetched = m.LastFetchAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
                var state = m.Enabled ? (m.LastError is null ? "ok" : "error: " + m.LastError) : "disabled";
                Console.WriteLine($"{m.Id,4}  {m.Name,-16}  {m.Address,-32}  fetched {m.Fetched,6} (last {fetched})  waiting {m.Waiting}  outbox {m.Queued} queued, {m.Failed} failed  {(m.IsDefaultSender ? "default sender  " : "")}{state}");
            }

            return 0;
        });
        return command;
    }

    private static Command Test()
    {
        var id = new Argument<int>("id") { Description = "The mailbox's number, from `calmdesk mailboxes list`" };
        var command = new Command("test", "Log into the mailbox's IMAP and SMTP servers; exit code 1 when either fails") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await CommandLine.StartToolHostAsync(parse, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<MailboxBook>().TestAsync(parse.GetValue(id), cancellationToken);
            if (outcome.Value is not { } test)
            {
                await Console.Error.WriteLineAsync($"error: there is no mailbox {parse.GetValue(id)}.");
                return 1;
            }

            if (test.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync("error: " + problem);
                return 1;
            }

            Console.WriteLine("The servers accepted the login.");
            return 0;
        });
        return command;
    }
}
