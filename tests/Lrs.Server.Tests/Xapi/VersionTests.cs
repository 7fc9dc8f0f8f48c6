using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>One endpoint serves xAPI 1.0.3 and 2.0.0: the version header picks the rules and is named on the response.</summary>
public sealed class VersionTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_without_a_version_header_gets_400_except_for_About()
    {
        using var client = lrs.Client(version: null);

        using var statements = await client.GetResponseAsync("/xapi/statements?limit=1");
        using var post = await client.PostStatementsAsync(Statements.Make(Statements.NewActivity()));
        using var about = await client.GetResponseAsync("/xapi/about");

        Assert.Equal("X-Experience-API-Version", (await XapiError.ReadAsync(statements, HttpStatusCode.BadRequest)).Field);
        Assert.Equal("X-Experience-API-Version", (await XapiError.ReadAsync(post, HttpStatusCode.BadRequest)).Field);
        Assert.Equal(HttpStatusCode.OK, about.StatusCode);
    }

    [Theory]
    [InlineData("0.95")]
    [InlineData("0.9")]
    [InlineData("1.1.0")]
    [InlineData("2.1.0")]
    [InlineData("1.0.x")]
    public async Task A_version_this_LRS_does_not_serve_gets_400(string version)
    {
        using var client = lrs.Client(version);

        using var response = await client.GetResponseAsync("/xapi/statements?limit=1");

        Assert.Equal("X-Experience-API-Version", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
    }

    [Theory]
    [InlineData("1.0", "1.0.3")]
    [InlineData("1.0.0", "1.0.3")]
    [InlineData("1.0.3", "1.0.3")]
    [InlineData("2.0", "2.0.0")]
    [InlineData("2.0.0", "2.0.0")]
    public async Task Responses_name_the_latest_patch_of_the_version_asked_for(string asked, string answered)
    {
        using var client = lrs.Client(asked);

        using var response = await client.GetResponseAsync("/xapi/statements?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answered, Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
    }

    [Fact]
    public async Task About_names_both_versions()
    {
        using var client = lrs.Anonymous(version: null);

        using var response = await client.GetResponseAsync("/xapi/about");

        Assert.Equal(["1.0.3", "2.0.0"], (await response.ReadJsonAsync())["version"]!.Values<string>());
    }

    private static JObject WithContextAgents()
    {
        var statement = Statements.Make(Statements.NewActivity());
        statement["context"] = new JObject
        {
            ["contextAgents"] = new JArray(new JObject
            {
                ["objectType"] = "contextAgent",
                ["agent"] = Statements.Agent("mailto:coach@example.com"),
                ["relevantTypes"] = new JArray("https://example.com/types/coach"),
            }),
        };
        return statement;
    }

    [Fact]
    public async Task A_2_0_statement_read_by_a_1_0_3_client_comes_back_without_contextAgents_as_version_1_0_0()
    {
        using var v2 = lrs.Client("2.0.0");
        using var v1 = lrs.Client("1.0.3");
        var id = (await v2.StoreAsync(WithContextAgents()))[0];

        var as2 = await v2.GetStatementAsync(id);
        var as1 = await v1.GetStatementAsync(id);

        Assert.Equal("2.0.0", (string?)as2["version"]);
        Assert.NotNull(as2["context"]!["contextAgents"]);
        Assert.Equal("1.0.0", (string?)as1["version"]);
        Assert.Null(as1["context"]!["contextAgents"]);
    }

    [Fact]
    public async Task A_1_0_3_request_with_contextAgents_gets_400()
    {
        using var v1 = lrs.Client("1.0.3");

        using var response = await v1.PostStatementsAsync(WithContextAgents());

        await XapiError.InvalidAsync(response, "context.contextAgents");
    }

    [Fact]
    public async Task A_statement_without_a_version_is_stored_with_the_version_of_the_request()
    {
        using var v1 = lrs.Client("1.0.3");
        using var v2 = lrs.Client("2.0.0");

        var under1 = (await v1.StoreAsync(Statements.Make(Statements.NewActivity())))[0];
        var under2 = (await v2.StoreAsync(Statements.Make(Statements.NewActivity())))[0];

        Assert.Equal("1.0.0", (string?)(await v2.GetStatementAsync(under1))["version"]);
        Assert.Equal("2.0.0", (string?)(await v2.GetStatementAsync(under2))["version"]);
    }

    private static FormUrlEncodedContent AlternateForm(string version, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Concat(
        [
            KeyValuePair.Create("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestLrs.BootstrapKey + ":" + TestLrs.BootstrapSecret))),
            KeyValuePair.Create("X-Experience-API-Version", version),
        ]));

    [Fact]
    public async Task The_1_0_3_alternate_request_syntax_stores_and_reads_statements_through_form_posts()
    {
        // Headers, parameters and body all travel as form fields; the request itself has none of them.
        using var client = lrs.Anonymous(version: null);
        var statement = Statements.WithId(out var id);

        using var put = await client.PostAsync("/xapi/statements?method=PUT", AlternateForm("1.0.3",
            ("statementId", id.ToString("D")), ("content", statement.ToString()), ("Content-Type", "application/json")), Token);
        using var get = await client.PostAsync("/xapi/statements?method=GET", AlternateForm("1.0.3", ("statementId", id.ToString("D"))), Token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(id.ToString("D"), (string?)(await get.ReadJsonAsync())["id"]);
    }

    [Fact]
    public async Task The_alternate_request_syntax_is_refused_under_2_0()
    {
        using var client = lrs.Anonymous(version: null);
        var statement = Statements.WithId(out var id);

        using var put = await client.PostAsync("/xapi/statements?method=PUT", AlternateForm("2.0.0",
            ("statementId", id.ToString("D")), ("content", statement.ToString()), ("Content-Type", "application/json")), Token);

        Assert.Equal("method", (await XapiError.ReadAsync(put, HttpStatusCode.BadRequest)).Field);
        using var admin = lrs.Client();
        using var get = await admin.GetResponseAsync($"/xapi/statements?statementId={id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_CORS_preflight_from_another_origin_succeeds_without_credentials()
    {
        using var client = lrs.Anonymous(version: null);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/xapi/statements");
        request.Headers.Add("Origin", "https://course-player.example.org");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version");

        using var response = await client.SendAsync(request, Token);

        Assert.True(response.IsSuccessStatusCode, $"preflight: {(int)response.StatusCode}");
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("x-experience-api-version", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cross_origin_GET_exposes_the_xAPI_headers()
    {
        using var client = lrs.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/xapi/statements?limit=1");
        request.Headers.Add("Origin", "https://course-player.example.org");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("X-Experience-API-Consistent-Through", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ETag", exposed, StringComparison.OrdinalIgnoreCase);
    }
}
