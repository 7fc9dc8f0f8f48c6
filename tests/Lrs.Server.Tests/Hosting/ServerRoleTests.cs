using System.Net;
using Lrs.Server.Tests.Dashboard;

namespace Lrs.Server.Tests.Hosting;

/// <summary>LRS_ROLE=dashboard serves the dashboard without the xAPI; the default serves both.</summary>
public sealed class DashboardRoleTests(DashboardRoleTests.Lrs lrs) : IClassFixture<DashboardRoleTests.Lrs>
{
    public sealed class Lrs : DashboardLrs
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings) { ["LRS_ROLE"] = "dashboard" };
    }

    [Theory]
    [InlineData("/xapi/statements?limit=1")]
    [InlineData("/xapi/about")]
    [InlineData("/xapi/activities/state?activityId=http%3A%2F%2Fx&agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D&stateId=s")]
    public async Task The_dashboard_role_has_no_xapi_surface(string path)
    {
        using var client = lrs.Client();

        using var response = await client.GetResponseAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_role_serves_sign_in_analytics_and_health()
    {
        using var admin = await lrs.SignedInAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);
        using var basic = lrs.Client();

        using var topics = await admin.GetResponseAsync("/api/analytics/topics");
        using var status = await basic.GetResponseAsync("/api/analytics/status");
        using var users = await admin.GetResponseAsync("/api/admin/users");
        using var live = await basic.GetResponseAsync("/health/live");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { topics.StatusCode, status.StatusCode, users.StatusCode, live.StatusCode });
    }
}

/// <summary>LRS_ROLE=lrs serves the xAPI and health, and no analytics, sign-in or accounts.</summary>
public sealed class LrsRoleTests(LrsRoleTests.Lrs lrs) : IClassFixture<LrsRoleTests.Lrs>
{
    public sealed class Lrs : DashboardLrs
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings) { ["LRS_ROLE"] = "lrs" };
    }

    [Theory]
    [InlineData("/api/analytics/topics")]
    [InlineData("/api/analytics/status")]
    [InlineData("/api/auth/config")]
    [InlineData("/api/admin/users")]
    [InlineData("/openapi/analytics.json")]
    public async Task The_lrs_role_has_no_dashboard_api(string path)
    {
        using var client = lrs.Client();

        using var response = await client.GetResponseAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_lrs_role_refuses_to_sign_in_and_serves_the_xapi()
    {
        using var client = lrs.Client();
        using var anonymous = lrs.Anonymous(version: null);

        using var login = await anonymous.LoginAsync(DashboardLrs.AdminEmail, DashboardLrs.AdminPassword);
        var ids = await client.StoreAsync(Statements.Make(Statements.NewActivity()));

        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(ids[0], Guid.Parse((string)(await client.GetStatementAsync(ids[0]))["id"]!));
    }
}

/// <summary>The default role serves both, and documents the dashboard API in OpenAPI.</summary>
public sealed class AllRoleTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    [Fact]
    public async Task The_default_role_serves_the_xapi_and_the_dashboard_and_documents_the_dashboard_api()
    {
        using var client = lrs.Client();

        var ids = await client.StoreAsync(Statements.Make(Statements.NewActivity()));
        using var topics = await client.GetResponseAsync("/api/analytics/topics");
        using var openApi = await client.GetResponseAsync("/openapi/dashboard.json");
        var document = await openApi.OkJsonAsync();
        using var analyticsDocument = await client.GetResponseAsync("/openapi/analytics.json");

        Assert.Single(ids);
        Assert.Equal(HttpStatusCode.OK, topics.StatusCode);
        var paths = ((Newtonsoft.Json.Linq.JObject)document["paths"]!).Properties().Select(p => p.Name).ToList();
        Assert.Equal(["/api/admin/users", "/api/admin/users/{email}", "/api/auth/config", "/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/learner/export"],
            paths.Order(StringComparer.Ordinal));
        Assert.Contains("/api/analytics/helpers", ((Newtonsoft.Json.Linq.JObject)(await analyticsDocument.OkJsonAsync())["paths"]!).Properties().Select(p => p.Name));
    }
}
