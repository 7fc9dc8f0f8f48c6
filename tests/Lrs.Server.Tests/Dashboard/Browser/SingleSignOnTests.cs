using System.Text.Json;
using System.Web;
using Microsoft.Playwright;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>
/// Single sign-on in the browser, on a server configured for an OIDC provider. The provider is played by Playwright's
/// request interception (the machine has no network): its discovery document, its authorisation endpoint redirecting
/// back with a code, and its token endpoint answering a token signed with the test key the server trusts. So the page's
/// Content-Security-Policy must let it reach the provider, as it would in production.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnTests(DemoDashboard site, SingleSignOnTests.SsoServer server) : IClassFixture<SingleSignOnTests.SsoServer>
{
    private const string Realm = DashboardLrs.Issuer + "/realms/corp";

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_and_its_policy_lets_the_page_reach_it()
    {
        await using var page = await OpenAsync();
        var response = await page.Page.GotoAsync("/sign-in.html");

        Assert.Contains("connect-src 'self' " + DashboardLrs.Issuer + ";", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).WaitForAsync();
        await page.ScreenshotAsync("sign-in-sso");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task Signing_in_at_the_provider_opens_the_dashboard_with_the_role_the_token_maps_to()
    {
        await using var page = await OpenAsync();
        await PlayTheProviderAsync(page.Page, DashboardLrs.Token([new("sub", "mia"), new("email", "mia@corp.example"), new("name", "Mia Provider"), new("roles", "team-leads")], issuer: Realm));
        await page.Page.GotoAsync("/sign-in.html");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await page.Page.WaitForFunctionAsync("() => document.body.dataset.view === 'overview' && document.getElementById('main').getAttribute('aria-busy') === 'false'");

        var user = await page.Page.Locator("#user").InnerTextAsync();
        Assert.Contains("Mia Provider", user, StringComparison.Ordinal);
        Assert.Contains("L&D manager", user, StringComparison.Ordinal);
        Assert.Empty(page.ConsoleErrors());
    }

    private async Task<DashboardPage> OpenAsync()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-GB",
        });
        return new DashboardPage(context, await context.NewPageAsync());
    }

    /// <summary>The provider's three endpoints, answering as a real one would (with CORS for the page's fetches).</summary>
    private static async Task PlayTheProviderAsync(IPage page, string token)
    {
        var cors = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        await page.RouteAsync(Realm + "/.well-known/openid-configuration", route => route.FulfillAsync(new()
        {
            Status = 200, Headers = cors, ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { issuer = Realm, authorization_endpoint = Realm + "/auth", token_endpoint = Realm + "/token" }),
        }));
        await page.RouteAsync(Realm + "/auth?**", route =>
        {
            var query = HttpUtility.ParseQueryString(new Uri(route.Request.Url).Query);
            var back = $"{query["redirect_uri"]}?code=code-for-mia&state={Uri.EscapeDataString(query["state"]!)}";
            return route.FulfillAsync(new() { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = back } });
        });
        await page.RouteAsync(Realm + "/token", route => route.FulfillAsync(new()
        {
            Status = 200, Headers = cors, ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { access_token = token, token_type = "Bearer", expires_in = 600 }),
        }));
    }

    /// <summary>A dashboard server whose single sign-on provider is <see cref="Realm"/>, trusting the test signing key.</summary>
    public sealed class SsoServer : KestrelLrs
    {
        public Uri BaseAddress
        {
            get
            {
                using var client = Anonymous(version: null);
                return client.BaseAddress!;
            }
        }

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["LRS_OIDC_AUTHORITY"] = Realm,
            ["LRS_OIDC_AUDIENCE"] = DashboardLrs.Audience,
            ["LRS_OIDC_SIGNING_KEY"] = Convert.ToBase64String(DashboardLrs.SigningKey),
            ["LRS_OIDC_MANAGER_ROLES"] = "team-leads",
        };
    }
}
