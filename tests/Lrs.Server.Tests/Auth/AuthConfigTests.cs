using System.Net;
using Lrs.Server.Tests.Dashboard;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Auth;

/// <summary>Without LRS_OIDC_AUTHORITY there is no single sign-on, and bearer tokens are not accepted.</summary>
public sealed class AuthConfigTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    [Fact]
    public async Task Without_an_OIDC_authority_the_config_offers_no_SSO()
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.GetResponseAsync("/api/auth/config");

        Assert.Equal(JTokenType.Null, (await response.OkJsonAsync())["oidc"]!.Type);
    }

    [Fact]
    public async Task Without_an_OIDC_authority_a_bearer_token_is_401()
    {
        using var client = lrs.Anonymous(version: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            DashboardLrs.Token([new System.Security.Claims.Claim("roles", "lrs-admins")]));

        using var response = await client.GetResponseAsync("/api/analytics/topics");

        await response.ErrorAsync(HttpStatusCode.Unauthorized);
    }
}
