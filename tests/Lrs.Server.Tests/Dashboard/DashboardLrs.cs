using System.Net;
using System.Security.Claims;
using Lrs.Server.Auth;
using Lrs.Xapi.Model;
using Lrs.Xapi.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>
/// The LRS with the dashboard's sign-in configured: a first admin from settings, and SSO through a provider whose
/// tokens the tests sign themselves with <see cref="SigningKey"/> (so no network is needed).
/// </summary>
public class DashboardLrs : TestLrs
{
    public const string AdminEmail = "first.admin@test.example";
    public const string AdminPassword = "first-admin-password";
    public const string Issuer = "https://idp.test.example";
    public const string Audience = "lrs-dashboard";
    public const string Password = "a-good-password";

    public static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["LRS_ADMIN_EMAIL"] = AdminEmail,
        ["LRS_ADMIN_PASSWORD"] = AdminPassword,
        ["LRS_OIDC_AUTHORITY"] = Issuer,
        ["LRS_OIDC_AUDIENCE"] = Audience,
        ["LRS_OIDC_SIGNING_KEY"] = Convert.ToBase64String(SigningKey),
        ["LRS_OIDC_ADMIN_ROLES"] = "lrs-admins",
        ["LRS_OIDC_MANAGER_ROLES"] = "lrs-managers, team-leads",
        ["LRS_OIDC_LEARNER_ROLES"] = "staff",
    };

    /// <summary>A fresh account of this role (a learner gets a fresh mbox as agent) stored directly; its password is <see cref="Password"/>.</summary>
    public async Task<(string Email, JObject? Agent)> CreateAccountAsync(string role)
    {
        var email = role + "-" + Guid.NewGuid().ToString("N")[..10] + "@test.example";
        var agent = role == DashboardRoles.Learner ? Statements.Agent(Statements.NewMbox()) : null;
        await Services.GetRequiredService<IAccountStore>().SaveAsync(new Account(email, "Test " + role, role, SecretHasher.Hash(Password),
            agent?.ToString(Newtonsoft.Json.Formatting.None), agent is null ? null : Ifi.KeyOf(agent), "default", DateTimeOffset.UtcNow, null),
            TestContext.Current.CancellationToken);
        return (email, agent);
    }

    /// <summary>A client holding a session of this account (insisting that the login succeeds).</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password = Password)
    {
        var client = Anonymous(version: null);
        using var response = await client.LoginAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return client;
    }

    /// <summary>A fresh account of this role, signed in; the learner's agent comes along.</summary>
    public async Task<(HttpClient Client, string Email, JObject? Agent)> SignedInAsAsync(string role)
    {
        var (email, agent) = await CreateAccountAsync(role);
        return (await SignedInAsync(email), email, agent);
    }

    /// <summary>A client sending this bearer token.</summary>
    public HttpClient WithBearer(string token)
    {
        var client = Anonymous(version: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token as the SSO provider would issue it, signed with the test key unless another is given.</summary>
    public static string Token(IEnumerable<Claim> claims, string audience = Audience, DateTime? expires = null, byte[]? key = null, string issuer = Issuer)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = until.AddHours(-1),
            IssuedAt = until.AddHours(-1),
            Expires = until,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>The dashboard API calls the tests make.</summary>
public static class DashboardHttp
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.PostAsync("/api/auth/login", XapiHttp.Json(new JObject { ["email"] = email, ["password"] = password }), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string uri, JToken body) =>
        client.PostAsync(uri, XapiHttp.Json(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string uri, JToken body) =>
        client.PatchAsync(uri, XapiHttp.Json(body), TestContext.Current.CancellationToken);

    /// <summary>The error body of the dashboard API: {"error":{"code","message","field"}}, with the expected status.</summary>
    public static async Task<JObject> ErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return (JObject)XapiHttp.Parse(body)["error"]!;
    }

    public static async Task<JObject> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return (JObject)XapiHttp.Parse(body);
    }
}
