using System.Net;
using System.Security.Claims;
using Lrs.Server.Tests.Dashboard;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Auth;

/// <summary>
/// Single sign-on: bearer tokens from the OIDC provider are validated (signature, issuer, audience, lifetime) and their
/// claims mapped to a dashboard role and, for a learner, an xAPI agent. The tests sign tokens with the test key.
/// </summary>
public sealed class BearerTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static Claim[] Person(string email, params string[] roles) =>
        [new("sub", "subject-" + email), new("email", email), new("name", "Person " + email), .. roles.Select(r => new Claim("roles", r))];

    private async Task<HttpResponseMessage> MeAsync(string token)
    {
        using var client = lrs.WithBearer(token);
        return await client.GetResponseAsync("/api/auth/me");
    }

    [Fact]
    public async Task A_valid_token_signs_in_with_the_role_its_claim_maps_to()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("mia@corp.example", "team-leads")));

        var me = await response.OkJsonAsync();

        Assert.Equal(("mia@corp.example", "Person mia@corp.example", "manager"), ((string?)me["email"], (string?)me["name"], (string?)me["role"]));
    }

    [Fact]
    public async Task A_token_with_several_mapped_roles_gets_the_highest()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("ola@corp.example", "staff", "lrs-admins", "team-leads")));

        Assert.Equal("admin", (string?)(await response.OkJsonAsync())["role"]);
    }

    [Fact]
    public async Task A_learner_token_maps_the_email_claim_to_an_mbox_agent()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("lee@corp.example", "staff")));

        var me = await response.OkJsonAsync();

        Assert.Equal("learner", (string?)me["role"]);
        Assert.True(JToken.DeepEquals(new JObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lee@corp.example" }, me["agent"]), me.ToString());
    }

    [Fact]
    public async Task A_token_whose_roles_map_to_nothing_is_401()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("sam@corp.example", "visitors")));

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("old@corp.example", "lrs-admins"), expires: DateTime.UtcNow.AddMinutes(-10)));

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("aud@corp.example", "lrs-admins"), audience: "another-app"));

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        using var response = await MeAsync(DashboardLrs.Token(Person("iss@corp.example", "lrs-admins"), issuer: "https://evil.example"));

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();

        using var response = await MeAsync(DashboardLrs.Token(Person("key@corp.example", "lrs-admins"), key: key));

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_learner_token_reads_its_own_record_and_gets_403_on_another_learners()
    {
        using var client = lrs.WithBearer(DashboardLrs.Token(Person("own@corp.example", "staff")));

        using var own = await client.GetResponseAsync("/api/analytics/learner?agent=" + XapiHttp.Q(Statements.Agent("mailto:own@corp.example")));
        using var other = await client.GetResponseAsync("/api/analytics/learner?agent=" + XapiHttp.Q(Statements.Agent("mailto:someone.else@corp.example")));

        Assert.NotEqual(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, own.StatusCode);
        await other.ErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bearer_token_is_no_way_into_the_xapi()
    {
        using var client = lrs.WithBearer(DashboardLrs.Token(Person("x@corp.example", "lrs-admins")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "2.0.0");

        using var response = await client.GetResponseAsync("/xapi/statements?limit=1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

/// <summary>With LRS_OIDC_ACCOUNT_HOMEPAGE a user's agent is an account at that homePage named by the subject claim.</summary>
public sealed class BearerAccountAgentTests(BearerAccountAgentTests.Lrs lrs) : IClassFixture<BearerAccountAgentTests.Lrs>
{
    public sealed class Lrs : DashboardLrs
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
        {
            ["LRS_OIDC_ACCOUNT_HOMEPAGE"] = "https://id.corp.example",
            ["LRS_OIDC_ROLE_CLAIM"] = "groups",
            ["LRS_OIDC_DEFAULT_ROLE"] = "learner",
        };
    }

    [Fact]
    public async Task The_subject_becomes_an_account_agent_and_an_unmapped_token_gets_the_default_role()
    {
        using var client = lrs.WithBearer(DashboardLrs.Token([new Claim("sub", "u-4711"), new Claim("email", "kim@corp.example"), new Claim("groups", "unmapped")]));

        using var response = await client.GetResponseAsync("/api/auth/me");
        var me = await response.OkJsonAsync();

        Assert.Equal("learner", (string?)me["role"]);
        var expected = new JObject { ["objectType"] = "Agent", ["account"] = new JObject { ["homePage"] = "https://id.corp.example", ["name"] = "u-4711" } };
        Assert.True(JToken.DeepEquals(expected, me["agent"]), me.ToString());
    }

    [Fact]
    public async Task The_role_claim_setting_names_where_roles_are_read()
    {
        using var client = lrs.WithBearer(DashboardLrs.Token([new Claim("sub", "u-1"), new Claim("groups", "lrs-admins"), new Claim("roles", "staff")]));

        using var response = await client.GetResponseAsync("/api/auth/me");

        Assert.Equal("admin", (string?)(await response.OkJsonAsync())["role"]);
    }
}
