using System.Net;
using Lrs.Server.Auth;
using Lrs.Server.Tests.Dashboard;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Auth;

/// <summary>Local accounts sign in to the dashboard with a session cookie: login, me, logout, lockout, cookie flags.</summary>
public sealed class SessionTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static string[] Names(JToken o) => ((JObject)o).Properties().Select(p => p.Name).ToArray();

    private static async Task<JObject> MeAsync(HttpClient client, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.GetResponseAsync("/api/auth/me");
        return status == HttpStatusCode.OK ? await response.OkJsonAsync() : await response.ErrorAsync(status);
    }

    [Fact]
    public async Task The_admin_from_the_settings_signs_in_and_gets_their_user_and_a_session()
    {
        using var client = lrs.Anonymous(version: null);

        using var login = await client.LoginAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);
        var user = await login.OkJsonAsync();
        var me = await MeAsync(client);

        Assert.Equal(["email", "name", "role", "agent"], Names(user));
        Assert.Equal((DashboardLrs.AdminEmail, "admin"), ((string?)user["email"], (string?)user["role"]));
        Assert.Equal(JTokenType.Null, user["agent"]!.Type);
        Assert.True(JToken.DeepEquals(user, me), me.ToString());
    }

    [Fact]
    public async Task A_learner_signing_in_gets_their_agent()
    {
        var (email, agent) = await lrs.CreateAccountAsync(DashboardRoles.Learner);
        using var client = lrs.Anonymous(version: null);

        using var login = await client.LoginAsync(email.ToUpperInvariant(), DashboardLrs.Password);
        var user = await login.OkJsonAsync();

        Assert.Equal("learner", (string?)user["role"]);
        Assert.Equal(email, (string?)user["email"]);
        Assert.True(JToken.DeepEquals(agent, user["agent"]), user.ToString());
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Lax_and_not_Secure_over_http()
    {
        using var client = lrs.Anonymous(version: null);

        using var login = await client.LoginAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        // A session cookie: it leaves with the browser, and the server ends it after SessionIdle without requests.
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_cookie_is_Secure_when_the_request_is_https()
    {
        using var client = lrs.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var login = await client.LoginAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logout_answers_204_and_ends_the_session()
    {
        using var client = await lrs.SignedInAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);

        using var logout = await client.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthenticationSetup.CookieName + "=;", StringComparison.Ordinal));
        await MeAsync(client, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_without_a_session_is_401()
    {
        using var client = lrs.Anonymous(version: null);

        var error = await MeAsync(client, HttpStatusCode.Unauthorized);

        Assert.Equal("unauthorized", (string?)error["code"]);
    }

    [Fact]
    public async Task Me_with_Basic_credentials_is_401_since_a_credential_is_not_an_account()
    {
        using var client = lrs.Client();

        await MeAsync(client, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var (email, _) = await lrs.CreateAccountAsync(DashboardRoles.Manager);
        using var client = lrs.Anonymous(version: null);

        using var wrong = await client.LoginAsync(email, "not-the-password");
        using var unknown = await client.LoginAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.example", DashboardLrs.Password);

        var (a, b) = (await wrong.ErrorAsync(HttpStatusCode.Unauthorized), await unknown.ErrorAsync(HttpStatusCode.Unauthorized));
        Assert.True(JToken.DeepEquals(a, b), $"{a} vs {b}");
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_open_session_ends()
    {
        var (email, _) = await lrs.CreateAccountAsync(DashboardRoles.Manager);
        using var session = await lrs.SignedInAsync(email);
        var accounts = lrs.Services.GetRequiredService<IAccountStore>();
        var account = await accounts.FindAsync(email, TestContext.Current.CancellationToken);
        await accounts.SaveAsync(account! with { Disabled = DateTimeOffset.UtcNow }, TestContext.Current.CancellationToken);

        using var client = lrs.Anonymous(version: null);
        using var login = await client.LoginAsync(email, DashboardLrs.Password);

        await login.ErrorAsync(HttpStatusCode.Unauthorized);
        await MeAsync(session, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_ends_sessions_opened_before()
    {
        var (email, _) = await lrs.CreateAccountAsync(DashboardRoles.Manager);
        using var session = await lrs.SignedInAsync(email);
        var accounts = lrs.Services.GetRequiredService<IAccountStore>();
        var account = await accounts.FindAsync(email, TestContext.Current.CancellationToken);
        await accounts.SaveAsync(account! with { PasswordHash = SecretHasher.Hash("another-password") }, TestContext.Current.CancellationToken);

        await MeAsync(session, HttpStatusCode.Unauthorized);
        using var again = await lrs.SignedInAsync(email, "another-password");
        await MeAsync(again);
    }

    [Fact]
    public async Task A_role_change_reaches_an_open_session_at_its_next_request()
    {
        var (email, _) = await lrs.CreateAccountAsync(DashboardRoles.Manager);
        using var session = await lrs.SignedInAsync(email);
        var accounts = lrs.Services.GetRequiredService<IAccountStore>();
        var account = await accounts.FindAsync(email, TestContext.Current.CancellationToken);
        await accounts.SaveAsync(account! with { Role = DashboardRoles.Learner }, TestContext.Current.CancellationToken);

        var me = await MeAsync(session);
        using var topics = await session.GetResponseAsync("/api/analytics/topics");

        Assert.Equal("learner", (string?)me["role"]);
        await topics.ErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Five_failures_lock_the_email_out_with_429_even_for_the_right_password()
    {
        var (email, _) = await lrs.CreateAccountAsync(DashboardRoles.Manager);
        using var client = lrs.Anonymous(version: null);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var failed = await client.LoginAsync(email, "wrong-" + i);
            await failed.ErrorAsync(HttpStatusCode.Unauthorized);
        }

        using var locked = await client.LoginAsync(email, DashboardLrs.Password);

        var error = await locked.ErrorAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("email", (string?)error["field"]);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), LoginThrottle.Window);
        using var otherEmail = await client.LoginAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, otherEmail.StatusCode);
    }

    [Fact]
    public async Task Unknown_emails_are_locked_out_too_so_the_answer_reveals_nothing()
    {
        var email = "nobody-" + Guid.NewGuid().ToString("N") + "@test.example";
        using var client = lrs.Anonymous(version: null);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var failed = await client.LoginAsync(email, "wrong-password");
        }

        using var locked = await client.LoginAsync(email, "wrong-password");

        await locked.ErrorAsync(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("{\"email\":\"a@b.example\"}", "password")]
    [InlineData("{\"password\":\"x\"}", "email")]
    [InlineData("{\"email\":3,\"password\":\"x\"}", "email")]
    [InlineData("{\"email\":\"a@b.example\",\"password\":\"x\",\"remember\":true}", "remember")]
    [InlineData("[1]", "body")]
    [InlineData("{not json", "body")]
    public async Task A_malformed_login_is_a_400_naming_the_field(string body, string field)
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.PostAsync("/api/auth/login", XapiHttp.Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(field, (string?)(await response.ErrorAsync(HttpStatusCode.BadRequest))["field"]);
    }

    [Fact]
    public async Task A_login_that_is_not_JSON_is_415()
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.PostAsync("/api/auth/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = DashboardLrs.AdminEmail, ["password"] = DashboardLrs.AdminPassword }),
            TestContext.Current.CancellationToken);

        await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_config_tells_the_login_page_where_to_sign_in_with_SSO()
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.GetResponseAsync("/api/auth/config");
        var config = await response.OkJsonAsync();

        Assert.Equal(DashboardLrs.Issuer, (string?)config["oidc"]!["authority"]);
        Assert.Equal(DashboardLrs.Audience, (string?)config["oidc"]!["clientId"]);
        Assert.Equal("openid profile email", (string?)config["oidc"]!["scope"]);
    }
}
