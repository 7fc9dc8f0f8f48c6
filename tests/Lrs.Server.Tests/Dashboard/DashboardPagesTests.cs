using System.Net;
using System.Net.Http.Headers;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>
/// How the pages and the API answer a browser: pages need no sign-in and carry a policy naming what they may reach
/// (the SSO provider too, when there is one); a refusal under /api never carries a Basic challenge, which would make the
/// browser pop up its own password dialog over the sign-in page (the xAPI keeps its challenge: AuthenticationTests).
/// </summary>
public sealed class DashboardPagesTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static string PolicyOf(HttpResponseMessage response) => string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in.html")]
    public async Task The_pages_need_no_sign_in_and_may_connect_to_this_server_and_the_sso_provider_only(string page)
    {
        using var client = lrs.Anonymous(version: null);
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"connect-src 'self' {DashboardLrs.Issuer};", PolicyOf(response), StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", PolicyOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sso_the_pages_may_connect_to_this_server_only()
    {
        using var plain = new TestLrs();
        using var client = plain.Anonymous(version: null);
        using var response = await client.GetAsync(new Uri("/sign-in.html", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("connect-src 'self';", PolicyOf(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/auth/me", null, null)]
    [InlineData("/api/analytics/topics", null, null)]
    [InlineData("/api/admin/users", null, null)]
    [InlineData("/api/analytics/topics", "lrs.session=not-a-session-any-more", null)]
    [InlineData("/api/analytics/topics", null, "Bearer not-a-token")]
    [InlineData("/api/analytics/topics", null, "Basic bm8tc3VjaDprZXk=")]
    public async Task A_401_under_api_carries_no_Basic_challenge(string path, string? cookie, string? authorization)
    {
        using var client = lrs.Anonymous(version: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var error = await response.ErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", (string?)error["code"]);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));
    }
}
