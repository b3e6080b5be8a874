using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using CalmDesk.Accounts;
using CalmDesk.Analysis;
using CalmDesk.Audit;
using CalmDesk.Boundaries;
using CalmDesk.Campaigns;
using CalmDesk.Cases;
using CalmDesk.Commitments;
using CalmDesk.Components;
using CalmDesk.Customers;
using CalmDesk.Data;
using CalmDesk.Imports;
using CalmDesk.Interactions;
using CalmDesk.Learning;
using CalmDesk.Mail;
using CalmDesk.Offboarding;
using CalmDesk.Health;
using CalmDesk.Incidents;
using CalmDesk.Notifications;
using CalmDesk.Orders;
using CalmDesk.Playbooks;
using CalmDesk.Privacy;
using CalmDesk.Receivables;
using CalmDesk.Reps;
using CalmDesk.Search;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace CalmDesk.Infrastructure;

/// The web side of the host: authentication, pages, API, problem details, health and telemetry.
internal static class WebFeatures
{
    public static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The API token handler keeps each owner's principal here.
        services.AddMemoryCache();
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiTokenAuthentication.CookieOrBearer;
                options.DefaultChallengeScheme = ApiTokenAuthentication.CookieOrBearer;
            })
            .AddPolicyScheme(ApiTokenAuthentication.CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    ApiTokenAuthentication.IsTokenRequest(context.Request)
                        ? ApiTokenAuthentication.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        authentication.AddIdentityCookies();
        // Sign-in through OpenID Connect providers (SignIn:Providers), beside the password.
        ExternalSignIn.Add(authentication, services, builder.Configuration);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/forbidden";
            options.Cookie.Name = "calmdesk";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (directly, or as the proxy forwards it).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.Events = new CookieAuthenticationEvents
            {
                // Identity's own check, kept when the events are replaced: a cookie whose user changed their security
                // stamp (signed out, changed password or role, deactivated) stops working at the next check.
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                // Scripts get a status code, not an HTML sign-in page.
                OnRedirectToLogin = context => ApiProblem.RedirectOrStatusAsync(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiProblem.RedirectOrStatusAsync(context, StatusCodes.Status403Forbidden),
            };
        });
        // A deactivated rep's, a changed role's, a changed password's or a signed-out user's sessions end within a minute
        // (Security:SessionCheckSeconds), not at the cookie's expiry.
        var sessionCheck = TimeSpan.FromSeconds(builder.Configuration.GetValue("Security:SessionCheckSeconds", 60));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = sessionCheck);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Manager, policy => policy.RequireRole(Roles.Manager, Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        // The audit log names the request's signed-in user (read from the request, so page components' scopes agree).
        services.AddSingleton<ISignedInActor, RequestActor>();
        services.AddScoped<Zones>();
        services.Configure<Offboarding.LetterheadOptions>(builder.Configuration.GetSection("Letterhead"));

        // Enums travel as words ("inbound", "onHold"), which scripts and people can read.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
                if (context.Exception is BadHttpRequestException bad)
                {
                    ApiProblem.Explain(context, bad);
                }
                else if (context.Exception is { } error && Data.Conflicts.IsConflict(error))
                {
                    context.ProblemDetails.Detail = Localization.Messages.Get("Someone changed this at the same moment, so this change was not saved. Read it again, then retry if it still needs doing.");
                }
            });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CalmDesk API";
            document.Info.Description = "Customers, contacts, interactions, cases, promises, notifications, playbooks, orders, receivables, written terms and reps. Authenticate with `Authorization: Bearer TOKEN` (create one with `calmdesk users token EMAIL`).";
            return Task.CompletedTask;
        }));
        services.AddLocalization();
        // Greek and Italian text as characters, not numeric entities; markup characters are still always encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Trusted proxies: loopback by default (a proxy on the same machine); others from Proxy:Trusted.
            foreach (var address in builder.Configuration.GetSection("Proxy:Trusted").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            }
        });
        // Sign-in attempts (the password and the two-step code) are limited per client address
        // (Security:SignInAttemptsPerMinute, 10 by default); past the
        // limit the page answers 429. Per account, ten wrong passwords lock the password (not the API tokens) for
        // five minutes.
        var signInsPerMinute = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter("signin " + context.Connection.RemoteIpAddress, _ =>
                        new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CalmDesk.Security")
                    .LogWarning(SecurityEvents.Throttled, "Sign-in attempts from {Address} refused: over {Limit} a minute", context.HttpContext.Connection.RemoteIpAddress, signInsPerMinute);
                return ValueTask.CompletedTask;
            };
        });
        services.AddHealthChecks().AddDbContextCheck<CalmDeskDbContext>("database");

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("calmdesk"))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(ImportMetrics.MeterName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("Npgsql"));
        // Exporters stay off unless configured: self-hosted installs send nothing anywhere by default.
        if (builder.Configuration.GetValue("Telemetry:Otlp", false))
        {
            otel.UseOtlpExporter();
        }

        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    }

    public static void Map(WebApplication app)
    {
        // Behind a reverse proxy (README, "Behind a reverse proxy"), the client's scheme, host and address are the ones it forwards, so
        // the sign-in cookie is marked Secure over HTTPS and a page's origin compares with what the browser sees.
        app.UseForwardedHeaders();
        app.UseHsts();
        // The API answers every error as RFC 9457 problem details; pages show a readable page instead.
        app.UseWhen(ApiProblem.IsApiRequest, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ErrorPages.StatusOf,
            // A request the API could not read is the caller's mistake, answered with its reason: not an error of ours to log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        }).UseStatusCodePages());
        app.UseWhen(context => !ApiProblem.IsApiRequest(context), ErrorPages.Use);
        // After the error handlers, so a refusal is answered as any error is (a page, or problem details).
        app.UseMiddleware<RequestGuard>();
        app.UseRateLimiter();
        // Explicit, after the error handlers, so a re-executed request (/status/404) is routed to its page afresh.
        app.UseRouting();
        app.MapStaticAssets();
        app.UseAuthentication();
        // After authentication, so a signed-in user's own language wins over the browser's.
        app.UseRequestLocalization(options =>
        {
            // Text in en, it or el; dates and numbers in a regional format. A browser that only says "en" gets
            // British dates: month-first is for someone who asks for en-US.
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture("en-GB", "en");
            options.AddSupportedCultures([.. Accounts.RegionalFormats.Offered.Select(c => c.Name), .. CalmDeskHost.Cultures.Where(c => c.Name != "en").Select(c => c.Name)]);
            options.AddSupportedUICultures([.. CalmDeskHost.Cultures.Select(c => c.Name)]);
            options.RequestCultureProviders.Insert(0, new UserCultureProvider());
        });
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAntiforgery();
        app.UseMiddleware<SubmitOnce>();

        app.MapOpenApi("/openapi/{documentName}.json");
        // The interactive reference is a third-party page in English: say so to screen readers, which otherwise guess.
        app.UseWhen(context => context.Request.Path.Equals("/api-reference/", StringComparison.Ordinal), ApiReferenceLanguage.Use);
        app.MapScalarApiReference("/api-reference", options => options.WithTitle("CalmDesk API"));
        app.MapHealthChecks("/health");

        var api = app.MapGroup("/api/v1");
        api.MapCustomersApi();
        api.MapAuditApi();
        api.MapPrivacyApi();
        api.MapInteractionsApi();
        api.MapRepsApi();
        api.MapAccountsApi();
        api.MapAnalyzeApi();
        api.MapCasesApi();
        api.MapCommitmentsApi();
        api.MapNotificationsApi();
        api.MapPlaybooksApi();
        api.MapReceivablesApi();
        api.MapBoundariesApi();
        api.MapOrdersApi();
        api.MapCampaignsApi();
        api.MapIncidentsApi();
        api.MapHandoversApi();
        api.MapHealthApi();
        api.MapOffboardingApi();
        api.MapLearningApi();
        api.MapMailApi();
        api.MapSearchApi();
        app.MapAttachmentDownloads();
        app.MapSignOut();
        app.MapSignInAliases();
        ExternalSignIn.Map(app);

        app.MapRazorComponents<App>();
    }
}
