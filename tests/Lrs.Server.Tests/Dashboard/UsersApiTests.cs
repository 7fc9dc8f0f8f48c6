using System.Net;
using Lrs.Server.Auth;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>Admins manage accounts through /api/admin/users; nobody else may.</summary>
public sealed class UsersApiTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static string NewEmail(string who) => who + "-" + Guid.NewGuid().ToString("N")[..10] + "@corp.example";

    private static string UserPath(string email) => "/api/admin/users/" + Uri.EscapeDataString(email);

    private Task<HttpClient> AdminAsync() => lrs.SignedInAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);

    private static JObject NewUser(string email, string role, string password = "password-123") =>
        new() { ["email"] = email, ["name"] = "New " + role, ["role"] = role, ["password"] = password };

    [Fact]
    public async Task An_admin_creates_a_manager_who_can_then_sign_in()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("manager");

        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "manager"));
        var user = await created.OkJsonAsync(HttpStatusCode.Created);

        Assert.Equal(["email", "name", "role", "agent", "disabled", "created"], user.Properties().Select(p => p.Name));
        Assert.Equal((email, "manager", false), ((string?)user["email"], (string?)user["role"], (bool)user["disabled"]!));
        Assert.Equal(UserPath(email), created.Headers.Location!.OriginalString);
        using var session = await lrs.SignedInAsync(email, "password-123");
    }

    [Fact]
    public async Task A_learner_created_with_an_agent_keeps_it_and_one_without_gets_mailto_their_email()
    {
        using var admin = await AdminAsync();
        var (withAgent, without) = (NewEmail("learner"), NewEmail("learner"));
        var agent = new JObject { ["objectType"] = "Agent", ["account"] = new JObject { ["homePage"] = "https://lms.corp.example", ["name"] = "4711" } };

        using var first = await admin.PostJsonAsync("/api/admin/users", NewUser(withAgent, "learner").Also(u => u["agent"] = agent));
        using var second = await admin.PostJsonAsync("/api/admin/users", NewUser(without, "learner"));

        Assert.True(JToken.DeepEquals(agent, (await first.OkJsonAsync(HttpStatusCode.Created))["agent"]));
        Assert.Equal("mailto:" + without, (string?)(await second.OkJsonAsync(HttpStatusCode.Created))["agent"]!["mbox"]);
    }

    [Fact]
    public async Task The_list_holds_the_accounts_without_their_password_hashes()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("listed");
        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "manager"));

        using var response = await admin.GetResponseAsync("/api/admin/users");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var users = (JArray)XapiHttp.Parse(body)["users"]!;

        Assert.Contains(users, u => (string?)u["email"] == email);
        Assert.Contains(users, u => (string?)u["email"] == DashboardLrs.AdminEmail && (string?)u["role"] == "admin");
        Assert.DoesNotContain("pbkdf2", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_existing_email_in_any_case_is_409()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("twice");
        using var first = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "manager"));

        using var again = await admin.PostJsonAsync("/api/admin/users", NewUser(email.ToUpperInvariant(), "learner"));

        Assert.Equal("email", (string?)(await again.ErrorAsync(HttpStatusCode.Conflict))["field"]);
    }

    [Theory]
    [InlineData("role", "\"owner\"")]
    [InlineData("email", "\"not-an-email\"")]
    [InlineData("password", "\"short\"")]
    [InlineData("name", "\"\"")]
    [InlineData("agent", "{\"mbox\":\"ann@example.org\"}")]
    [InlineData("agent", "{\"name\":\"no identifier\"}")]
    [InlineData("agent", "{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:a@example.org\"}]}")]
    [InlineData("role", "7")]
    [InlineData("extra", "1")]
    public async Task A_bad_field_is_a_400_naming_it(string field, string json)
    {
        using var admin = await AdminAsync();
        var user = NewUser(NewEmail("bad"), "learner");
        user[field] = JToken.Parse(json);

        using var response = await admin.PostJsonAsync("/api/admin/users", user);

        Assert.Equal(field, (string?)(await response.ErrorAsync(HttpStatusCode.BadRequest))["field"]);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_given_and_null_removes_the_agent()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("patched");
        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "learner"));

        using var renamed = await admin.PatchJsonAsync(UserPath(email), new JObject { ["name"] = "Renamed", ["role"] = "manager" });
        var user = await renamed.OkJsonAsync();
        using var cleared = await admin.PatchJsonAsync(UserPath(email), new JObject { ["agent"] = null });

        Assert.Equal(("Renamed", "manager"), ((string?)user["name"], (string?)user["role"]));
        Assert.Equal("mailto:" + email, (string?)user["agent"]!["mbox"]);
        Assert.Equal(JTokenType.Null, (await cleared.OkJsonAsync())["agent"]!.Type);
    }

    [Fact]
    public async Task A_new_password_set_by_patch_is_the_one_that_signs_in()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("repass");
        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "manager"));

        using var patched = await admin.PatchJsonAsync(UserPath(email), new JObject { ["password"] = "brand-new-password" });
        await patched.OkJsonAsync();
        using var client = lrs.Anonymous(version: null);
        using var old = await client.LoginAsync(email, "password-123");

        await old.ErrorAsync(HttpStatusCode.Unauthorized);
        using var session = await lrs.SignedInAsync(email, "brand-new-password");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_until_enabled_again()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("disabled");
        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "manager"));

        using var disabled = await admin.PatchJsonAsync(UserPath(email), new JObject { ["disabled"] = true });
        Assert.True((bool)(await disabled.OkJsonAsync())["disabled"]!);
        using var client = lrs.Anonymous(version: null);
        using var refused = await client.LoginAsync(email, "password-123");
        await refused.ErrorAsync(HttpStatusCode.Unauthorized);

        using var enabled = await admin.PatchJsonAsync(UserPath(email), new JObject { ["disabled"] = false });
        Assert.False((bool)(await enabled.OkJsonAsync())["disabled"]!);
        using var session = await lrs.SignedInAsync(email, "password-123");
    }

    [Fact]
    public async Task Delete_removes_the_account_and_a_second_delete_is_404()
    {
        using var admin = await AdminAsync();
        var email = NewEmail("deleted");
        using var created = await admin.PostJsonAsync("/api/admin/users", NewUser(email, "learner"));

        using var deleted = await admin.DeleteAsync(UserPath(email), TestContext.Current.CancellationToken);
        using var again = await admin.DeleteAsync(UserPath(email), TestContext.Current.CancellationToken);
        using var patch = await admin.PatchJsonAsync(UserPath(email), new JObject { ["name"] = "x" });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.ErrorAsync(HttpStatusCode.NotFound);
        await patch.ErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted_disabled_or_deleted()
    {
        await using var lone = new DashboardLrs();
        using var admin = await lone.SignedInAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);
        var path = UserPath(DashboardLrs.AdminEmail);

        using var demote = await admin.PatchJsonAsync(path, new JObject { ["role"] = "manager" });
        using var disable = await admin.PatchJsonAsync(path, new JObject { ["disabled"] = true });
        using var delete = await admin.DeleteAsync(path, TestContext.Current.CancellationToken);

        await demote.ErrorAsync(HttpStatusCode.Conflict);
        await disable.ErrorAsync(HttpStatusCode.Conflict);
        await delete.ErrorAsync(HttpStatusCode.Conflict);
        using var second = await admin.PostJsonAsync("/api/admin/users", NewUser(NewEmail("second-admin"), "admin"));
        await second.OkJsonAsync(HttpStatusCode.Created);
        using var demoteNow = await admin.PatchJsonAsync(path, new JObject { ["role"] = "manager" });
        await demoteNow.OkJsonAsync();
    }

    [Theory]
    [InlineData(DashboardRoles.Manager)]
    [InlineData(DashboardRoles.Learner)]
    public async Task Managers_and_learners_get_403_on_every_account_operation(string role)
    {
        var (client, _, _) = await lrs.SignedInAsAsync(role);
        using var _client = client;
        var email = NewEmail("victim");

        using var list = await client.GetResponseAsync("/api/admin/users");
        using var create = await client.PostJsonAsync("/api/admin/users", NewUser(email, "admin"));
        using var patch = await client.PatchJsonAsync(UserPath(DashboardLrs.AdminEmail), new JObject { ["name"] = "pwned" });
        using var delete = await client.DeleteAsync(UserPath(DashboardLrs.AdminEmail), TestContext.Current.CancellationToken);

        foreach (var response in new[] { list, create, patch, delete })
        {
            await response.ErrorAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Basic_credentials_even_with_scope_all_get_403_and_no_credentials_401()
    {
        using var basic = lrs.Client();
        using var anonymous = lrs.Anonymous(version: null);

        using var withBasic = await basic.GetResponseAsync("/api/admin/users");
        using var withNothing = await anonymous.GetResponseAsync("/api/admin/users");

        await withBasic.ErrorAsync(HttpStatusCode.Forbidden);
        await withNothing.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_signed_in_by_SSO_manages_accounts_too()
    {
        using var client = lrs.WithBearer(DashboardLrs.Token([new("sub", "sso-admin"), new("email", "sso.admin@corp.example"), new("roles", "lrs-admins")]));

        using var response = await client.GetResponseAsync("/api/admin/users");

        await response.OkJsonAsync();
    }
}

/// <summary>Small helpers for building JSON in tests.</summary>
internal static class JsonBuilding
{
    public static JObject Also(this JObject o, Action<JObject> change)
    {
        change(o);
        return o;
    }
}
