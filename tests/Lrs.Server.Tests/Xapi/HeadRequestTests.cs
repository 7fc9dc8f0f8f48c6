using System.Net;

namespace Lrs.Server.Tests.Xapi;

/// <summary>HEAD answers what GET would, headers only (xAPI: every GET resource also takes HEAD).</summary>
public sealed class HeadRequestTests(KestrelLrs lrs) : IClassFixture<KestrelLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private async Task<HttpResponseMessage> HeadAsync(string uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task HEAD_of_a_statement_answers_the_GET_headers_without_a_body()
    {
        var id = (await _client.StoreAsync(Statements.Make(Statements.NewActivity())))[0];
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");

        using var head = await HeadAsync($"/xapi/statements?statementId={id}");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
        Assert.Equal("2.0.0", Assert.Single(head.Headers.GetValues("X-Experience-API-Version")));
        Assert.Single(head.Headers.GetValues("X-Experience-API-Consistent-Through"));
    }

    [Fact]
    public async Task HEAD_of_a_query_and_of_an_unknown_statement_carry_no_body()
    {
        using var query = await HeadAsync("/xapi/statements?limit=1");
        using var missing = await HeadAsync($"/xapi/statements?statementId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await query.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Single(missing.Headers.GetValues("X-Experience-API-Consistent-Through"));
    }

    [Fact]
    public async Task HEAD_of_a_document_answers_its_ETag_without_a_body()
    {
        var uri = "/xapi/activities/profile?activityId=" + XapiHttp.Q(Statements.NewActivity()) + "&profileId=notes";
        using (var put = await _client.PutAsync(uri, XapiHttp.Json("{\"a\":1}"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        using var get = await _client.GetResponseAsync(uri);
        using var head = await HeadAsync(uri);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HEAD_of_about_needs_neither_credentials_nor_a_version_header()
    {
        using var client = lrs.Anonymous(version: null);
        using var request = new HttpRequestMessage(HttpMethod.Head, "/xapi/about");

        using var head = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
