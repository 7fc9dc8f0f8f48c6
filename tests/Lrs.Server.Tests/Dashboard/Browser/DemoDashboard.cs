using System.Net.Http.Json;
using System.Text;
using Lrs.Analytics.Generator;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>
/// The server on real Kestrel loaded with a generated demo organisation (through the xAPI, so the projection follows
/// it as it would in production), and Debian's Chromium driven by Playwright. Shared by every browser test class.
/// </summary>
public sealed class DemoDashboard : KestrelLrs, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The first admin, as the sign-in API (branch dash-backend) takes it from configuration.</summary>
    public const string AdminEmail = "admin@example.org";

    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>Small enough to load in seconds, large enough for every view to have something to show.</summary>
    private static readonly GeneratorOptions Demo = new() { Seed = 7, Learners = 90, Courses = 4, Weeks = 20 };

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the screenshots go: artifacts/screenshots at the repository root (git ignores artifacts/).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    public HttpClient Api { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["LRS_ADMIN_EMAIL"] = AdminEmail,
        ["LRS_ADMIN_PASSWORD"] = AdminPassword,
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
    /// A fresh browser context (its own empty profile: cookies, storage) at 1280x720. Until the sign-in API is merged,
    /// pages reach the API with the bootstrap credential sent as HTTP Basic on every request (the test-only path).
    /// </summary>
    public async Task<DashboardPage> OpenAsync(bool withCredential = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            AcceptDownloads = true,
            ExtraHTTPHeaders = withCredential
                ? new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(BootstrapKey + ":" + BootstrapSecret)) }
                : null,
        });
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
