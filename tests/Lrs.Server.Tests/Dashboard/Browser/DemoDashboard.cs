using System.Net.Http.Json;
using System.Text;
using Lrs.Analytics.Generator;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>
/// The server on real Kestrel loaded with a generated demo organisation (through the xAPI, so the projection follows
/// it as it would in production), its accounts (the first admin from LRS_ADMIN_EMAIL and LRS_ADMIN_PASSWORD; a manager
/// and two learners the admin creates through /api/admin/users), and Debian's Chromium driven by Playwright. Shared by
/// every browser test class.
/// </summary>
public sealed class DemoDashboard : KestrelLrs, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The first admin, from configuration.</summary>
    public static readonly DashboardAccount Admin = new("admin@example.org", "admin-password-for-tests");

    public static readonly DashboardAccount Manager = new("manager@example.org", "manager-password-for-tests");

    /// <summary>A learner whose agent is the default topic's top helper (someone with a full record).</summary>
    public static readonly DashboardAccount Learner = new("learner@example.org", "learner-password-for-tests");

    /// <summary>Another learner: the default topic's second helper, whose record the first may not open.</summary>
    public static readonly DashboardAccount OtherLearner = new("other.learner@example.org", "other-learner-password");

    /// <summary>Small enough to load in seconds, large enough for every view to have something to show.</summary>
    private static readonly GeneratorOptions Demo = new() { Seed = 7, Learners = 90, Courses = 4, Weeks = 20 };

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the screenshots go: artifacts/screenshots at the repository root (git ignores artifacts/).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    /// <summary>The bootstrap credential (HTTP Basic, scope all): what the tests read the API with to know what to expect.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The agents of <see cref="Learner"/> and <see cref="OtherLearner"/> (Agent JSON with their mbox and name).</summary>
    public JObject LearnerAgent { get; private set; } = null!;

    public JObject OtherLearnerAgent { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["LRS_ADMIN_EMAIL"] = Admin.Email,
        ["LRS_ADMIN_PASSWORD"] = Admin.Password,
    };

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The dashboard browser tests need Debian's Chromium at {ChromiumPath}, and it is not installed. " +
                "tests/run-all.sh installs it (apt-get install -y chromium); on a developer machine run that once.");
        }

        Api = Client();
        BaseAddress = Api.BaseAddress!;
        await LoadDemoAsync(Api);
        await CreateAccountsAsync();
        Directory.CreateDirectory(ScreenshotDir);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own empty profile: cookies, storage) at 1280x720, signed in as the account with
    /// POST /api/auth/login (the context's request API shares the page's cookies), or signed out when account is null.
    /// It asks for reduced motion, so charts are drawn without animation and screenshots show them whole.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(DashboardAccount? account)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            AcceptDownloads = true,
            ReducedMotion = ReducedMotion.Reduce,
        });
        if (account is not null)
        {
            var login = await context.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email = account.Email, password = account.Password } });
            Assert.True(login.Ok, $"signing in as {account.Email}: {login.Status} {await login.TextAsync()}");
        }

        return new DashboardPage(context, await context.NewPageAsync());
    }

    public async Task<JObject> GetAsync(string pathAndQuery)
    {
        using var response = await Api.GetAsync(new Uri(pathAndQuery, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        return JObject.Parse(body);
    }

    /// <summary>The topic a view shows when none is chosen: the one with the most completers.</summary>
    public async Task<(string Topic, string Name)> DefaultTopicAsync()
    {
        var topics = (JArray)(await GetAsync("/api/analytics/topics"))["topics"]!;
        var top = topics.OrderByDescending(t => (long)t["completers"]!).ThenBy(t => (string)t["topic"]!, StringComparer.Ordinal).First();
        return ((string)top["topic"]!, (string)top["name"]!);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>The manager and the two learners, created by the admin through the users API as an admin would.</summary>
    private async Task CreateAccountsAsync()
    {
        var (topic, _) = await DefaultTopicAsync();
        var helpers = (JArray)(await GetAsync($"/api/analytics/topic?id={Uri.EscapeDataString(topic)}"))["helpers"]!;
        LearnerAgent = (JObject)helpers[0]!["agent"]!;
        OtherLearnerAgent = (JObject)helpers[1]!["agent"]!;

        using var admin = Anonymous(version: null);
        using (var login = await admin.LoginAsync(Admin.Email, Admin.Password))
        {
            await login.OkJsonAsync();
        }

        foreach (var (account, role, agent) in new[] { (Manager, "manager", (JObject?)null), (Learner, "learner", LearnerAgent), (OtherLearner, "learner", OtherLearnerAgent) })
        {
            var body = new JObject { ["email"] = account.Email, ["name"] = (string?)agent?["name"] ?? "Morgan Manager", ["role"] = role, ["password"] = account.Password };
            if (agent is not null)
            {
                body["agent"] = new JObject { ["mbox"] = agent["mbox"] };
            }

            using var created = await admin.PostJsonAsync("/api/admin/users", body);
            await created.OkJsonAsync(System.Net.HttpStatusCode.Created);
        }
    }

    /// <summary>Posts the organisation in batches and waits until the projection has followed every statement.</summary>
    private static async Task LoadDemoAsync(HttpClient client)
    {
        var token = TestContext.Current.CancellationToken;
        var posted = 0;
        foreach (var batch in OrganisationGenerator.Generate(Demo).Chunk(500))
        {
            using var content = new StringContent(new JArray(batch.Cast<object>().ToArray()).ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/xapi/statements", UriKind.Relative), content, token);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(token));
            posted += batch.Length;
        }

        // A fresh store numbers its feed 1..n, so the projection is complete when its cursor reaches n.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetFromJsonAsync<JsonStatus>("/api/analytics/status", token))?.Cursor != posted.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the projection did not follow the {posted} demo statements within 60 s");
            await Task.Delay(100, token);
        }
    }

    private sealed record JsonStatus(string? Cursor);
}

/// <summary>A dashboard account the browser tests sign in with.</summary>
public sealed record DashboardAccount(string Email, string Password);
