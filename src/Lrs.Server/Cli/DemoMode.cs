using System.Diagnostics;
using System.Globalization;
using Lrs.Analytics.Generator;
using Lrs.Analytics.Metrics;
using Lrs.Server.Auth;
using Lrs.Server.Dashboard;
using Lrs.Server.Hosting;
using Lrs.Xapi.Json;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Cli;

/// <summary>
/// demo: the server on a demo data directory with the synthetic organisation loaded through the xAPI (the real ingest
/// path) and three accounts (admin, manager, and a learner who is one of the generated people), ready to explore.
/// A second run on the same directory keeps its data and only starts.
/// </summary>
public sealed class DemoMode
{
    public const string Usage = """
        usage:
          demo [--dir ./demo-data] [--urls http://localhost:8080] [--seed 1] [--learners 200] [--courses 4] [--weeks 26]
        starts the server with a generated organisation and demo accounts, and prints where to sign in.
        """;

    public const string AdminEmail = "admin@demo.example";
    public const string ManagerEmail = "manager@demo.example";
    public const string AdminPassword = "demo-admin";
    public const string ManagerPassword = "demo-manager";
    public const string LearnerPassword = "demo-learner";

    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private DemoMode(string dataDir, string urls, GeneratorOptions generator)
    {
        DataDir = dataDir;
        Urls = urls;
        Generator = generator;
    }

    public string DataDir { get; }

    public string Urls { get; }

    public GeneratorOptions Generator { get; }

    /// <summary>The host's arguments and settings for the demo: its own data directory, every role, SQLite.</summary>
    public string[] HostArgs => ["--urls", Urls];

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["LRS_DATA_DIR"] = DataDir,
        ["LRS_ROLE"] = "all",
        ["LRS_STORAGE"] = StorageSetup.Sqlite,
        ["LRS_FOLLOW_URL"] = "",
    };

    /// <summary>The demo's options from its arguments, or null after printing the usage.</summary>
    public static DemoMode? Parse(string[] args, TextWriter output)
    {
        var flags = AnalyticsCommands.Flags(args, out var error);
        try
        {
            if (error is not null)
            {
                throw new ArgumentException(error);
            }

            var generator = new GeneratorOptions
            {
                Seed = Int(flags, "seed", 1),
                Learners = Int(flags, "learners", 200),
                Courses = Int(flags, "courses", 4),
                Weeks = Int(flags, "weeks", 26),
            };
            generator.Validate();
            return new DemoMode(flags.GetValueOrDefault("dir") ?? "./demo-data", flags.GetValueOrDefault("urls") ?? "http://localhost:8080", generator);
        }
        catch (ArgumentException e)
        {
            output.WriteLine(e.Message + "\n" + Usage);
            return null;
        }
    }

    /// <summary>Once the server listens: loads the organisation unless already there, creates the accounts, waits for the analytics.</summary>
    public async Task LoadAsync(WebApplication app, TextWriter output, CancellationToken cancellationToken)
    {
        var services = app.Services;
        var lrs = services.GetRequiredService<LrsOptions>();
        var statements = services.GetRequiredService<IStatementStore>();
        var address = LocalAddress(services);
        var existing = (await statements.QueryAsync(lrs.DefaultStore, new StatementFilter { Limit = 1 }, cancellationToken)).Statements.Count > 0;
        var learner = await LoadOrganisationAsync(services, lrs, address, existing, output, cancellationToken);
        await CreateAccountsAsync(services.GetRequiredService<IAccountStore>(), lrs, learner, cancellationToken);
        await WaitForAnalyticsAsync(services, statements, lrs, cancellationToken);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""

            Demo ready in {_watch.Elapsed.TotalSeconds:F1} s ({(existing ? "existing data in " : "generated into ")}{Path.GetFullPath(DataDir)}).
              Dashboard: {address}/
              API:       {address}/api/analytics/topics   (OpenAPI: {address}/openapi/analytics.json, {address}/openapi/dashboard.json)
              xAPI:      {address}/xapi/
            Sign in as:
              admin     {AdminEmail,-40} {AdminPassword}
              manager   {ManagerEmail,-40} {ManagerPassword}
              learner   {learner.Email,-40} {LearnerPassword}   ({learner.Name})
            Ctrl+C stops the server; run the same command again to reuse the data.
            """));
    }

    /// <summary>Generates and posts the organisation (unless loaded before); returns the learner to sign in as.</summary>
    private async Task<(string Email, string Name, string Agent)> LoadOrganisationAsync(
        IServiceProvider services, LrsOptions lrs, string address, bool existing, TextWriter output, CancellationToken cancellationToken)
    {
        // The most active person: their record shows both the formal start and the social follow-up.
        var counts = new Dictionary<string, (int Count, JObject Agent)>(StringComparer.Ordinal);
        IEnumerable<JObject> Counted(IEnumerable<JObject> source)
        {
            foreach (var s in source)
            {
                if (s["actor"] is JObject { } actor && (string?)actor["mbox"] is { } mbox)
                {
                    counts[mbox] = (counts.GetValueOrDefault(mbox).Count + 1, actor);
                }

                yield return s;
            }
        }

        var generated = Counted(OrganisationGenerator.Generate(Generator));
        if (existing)
        {
            foreach (var _ in generated)
            {
                // Counting only: the statements are stored already.
            }
        }
        else
        {
            // A loader that may define activities: the analytics find a course by its stored definition's type.
            var credentials = services.GetRequiredService<ICredentialStore>();
            var secret = Guid.NewGuid().ToString("N");
            await credentials.SaveAsync(new Credential("demo-loader", SecretHasher.Hash(secret), [Scopes.StatementsWrite, Scopes.Define], "demo loader", lrs.DefaultStore,
                DateTimeOffset.UtcNow, null), cancellationToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var posted = await GenerateCommand.PostAsync(generated, http, new Uri(address + "/xapi/statements"), "demo-loader", secret, 1000, output, cancellationToken);
            await credentials.RevokeAsync("demo-loader", DateTimeOffset.UtcNow, cancellationToken);
            if (posted < 0)
            {
                throw new InvalidOperationException("the demo organisation could not be loaded (see above)");
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"loaded {posted} statements through /xapi/statements in {_watch.Elapsed.TotalSeconds:F1} s"));
        }

        var (_, agent) = counts.Values.OrderByDescending(c => c.Count).ThenBy(c => (string?)c.Agent["mbox"], StringComparer.Ordinal).First();
        var email = ((string)agent["mbox"]!)["mailto:".Length..];
        return (email, (string?)agent["name"] ?? email, XapiJson.Serialize(new JObject { ["objectType"] = "Agent", ["mbox"] = agent["mbox"] }));
    }

    private static async Task CreateAccountsAsync(IAccountStore accounts, LrsOptions lrs, (string Email, string Name, string Agent) learner, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var agent = AccountAgent.Of(learner.Agent);
        foreach (var account in new[]
        {
            new Account(AdminEmail, "Demo Admin", DashboardRoles.Admin, SecretHasher.Hash(AdminPassword), null, null, lrs.DefaultStore, now, null),
            new Account(ManagerEmail, "Demo Manager", DashboardRoles.Manager, SecretHasher.Hash(ManagerPassword), null, null, lrs.DefaultStore, now, null),
            new Account(learner.Email, learner.Name, DashboardRoles.Learner, SecretHasher.Hash(LearnerPassword), agent.Json, agent.Key, lrs.DefaultStore, now, null),
        })
        {
            await accounts.SaveAsync(account, cancellationToken);
        }
    }

    /// <summary>Until the projection has followed the store up to its newest statement (at most two minutes).</summary>
    private static async Task WaitForAnalyticsAsync(IServiceProvider services, IStatementStore statements, LrsOptions lrs, CancellationToken cancellationToken)
    {
        var newest = (await statements.QueryAsync(lrs.DefaultStore, new StatementFilter { Limit = 1 }, cancellationToken)).Statements.FirstOrDefault()?.Position ?? 0;
        var queries = services.GetRequiredService<AnalyticsQueries>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var cursor = queries.Status(lrs.DefaultStore).Cursor;
            if (cursor is not null && long.TryParse(cursor, CultureInfo.InvariantCulture, out var at) && at >= newest)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Where this process can reach itself: the first address Kestrel listens on, wildcards as localhost.</summary>
    private static string LocalAddress(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    private static int Int(Dictionary<string, string> flags, string name, int fallback) =>
        !flags.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"--{name} must be a whole number");
}
