using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lrs.Server.Auth;
using Lrs.Xapi.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Server.Tests.Auth;

/// <summary>
/// Every xAPI resource but About needs a live credential. The conformance suite passes against a server that takes
/// any credential, so these tests are what keeps authentication honest.
/// </summary>
public sealed class AuthenticationTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private static async Task AssertUnauthorizedAsync(HttpClient client)
    {
        using var response = await client.GetResponseAsync("/xapi/statements?limit=1");
        await XapiError.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task A_request_without_Authorization_gets_401_with_a_Basic_challenge()
    {
        using var client = lrs.Anonymous();

        await AssertUnauthorizedAsync(client);
        using var post = await client.PostStatementsAsync(Statements.Make(Statements.NewActivity()));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var state = await client.GetResponseAsync(DocumentResourcePath());
        Assert.Equal(HttpStatusCode.Unauthorized, state.StatusCode);
    }

    private static string DocumentResourcePath() => Xapi.DocumentResource.Fresh(Xapi.DocumentResource.State).Document("doc");

    [Fact]
    public async Task A_wrong_secret_gets_401()
    {
        using var client = lrs.ClientFor(TestLrs.BootstrapKey, TestLrs.BootstrapSecret + "x");

        await AssertUnauthorizedAsync(client);
    }

    [Fact]
    public async Task An_unknown_key_gets_401()
    {
        using var client = lrs.ClientFor("nobody", TestLrs.BootstrapSecret);

        await AssertUnauthorizedAsync(client);
    }

    [Fact]
    public async Task Credentials_that_are_not_base64_key_colon_secret_get_401()
    {
        using var garbage = lrs.Anonymous();
        garbage.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "%%%not-base64%%%");
        using var noColon = lrs.Anonymous();
        noColon.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestLrs.BootstrapKey)));
        using var bearer = lrs.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token");

        await AssertUnauthorizedAsync(garbage);
        await AssertUnauthorizedAsync(noColon);
        await AssertUnauthorizedAsync(bearer);
    }

    [Theory]
    [InlineData("Basic {0}")]
    [InlineData("basic {0}")]
    [InlineData("BASIC   {0}  ")]
    public async Task The_scheme_name_is_read_ignoring_case_and_spaces_around_the_credentials(string header)
    {
        using var client = ClientWithAuthorization(header);

        using var response = await client.GetResponseAsync("/xapi/statements?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Basicx {0}")]
    [InlineData("Basic")]
    [InlineData("Basic {0}x")]
    [InlineData("{0}")]
    public async Task A_header_that_is_not_Basic_key_colon_secret_gets_401(string header)
    {
        using var client = ClientWithAuthorization(header);

        await AssertUnauthorizedAsync(client);
    }

    /// <summary>A client sending this Authorization header as written, {0} standing for the bootstrap key:secret in base64.</summary>
    private HttpClient ClientWithAuthorization(string format)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestLrs.BootstrapKey + ":" + TestLrs.BootstrapSecret));
        var client = lrs.Anonymous();
        Assert.True(client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, encoded)));
        return client;
    }

    [Fact]
    public async Task A_secret_verified_on_one_thread_is_verified_on_others_and_a_wrong_one_still_fails()
    {
        var (key, secret) = await lrs.CreateCredentialAsync(Scopes.All);
        var verifier = lrs.Services.GetRequiredService<CredentialVerifier>();
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            (Right: await verifier.VerifyAsync(key, secret, ct), Wrong: await verifier.VerifyAsync(key, secret + "x", ct)), ct)));

        Assert.All(results, r => Assert.Equal(key, r.Right?.Key));
        Assert.All(results, r => Assert.Null(r.Wrong));
    }

    [Fact]
    public async Task A_revoked_credential_gets_401_once_the_verifier_cache_expires()
    {
        var (key, secret) = await lrs.CreateCredentialAsync(Scopes.All);
        using var client = lrs.ClientFor(key, secret);
        using (var before = await client.GetResponseAsync("/xapi/statements?limit=1"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True(await lrs.Services.GetRequiredService<ICredentialStore>().RevokeAsync(key, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
        await Task.Delay(CredentialVerifier.CredentialTtl + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        await AssertUnauthorizedAsync(client);
    }

    [Fact]
    public async Task About_answers_without_credentials()
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.GetResponseAsync("/xapi/about");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2.0.0", (await response.ReadJsonAsync())["version"]!.Values<string>());
    }
}
