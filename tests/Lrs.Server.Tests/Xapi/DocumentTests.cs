using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>What State, Activity Profile and Agent Profile share: reads, writes, merges, deletes and ETag preconditions.</summary>
public sealed class DocumentTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, HttpContent? content = null, string? ifMatch = null, string? ifNoneMatch = null, string version = "2.0.0")
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Add("X-Experience-API-Version", version);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        // A client without a default version header, so that each request names its own.
        using var client = lrs.Client(version: null);
        return await client.SendAsync(request, Token);
    }

    private async Task<string> PutNewAsync(DocumentResource resource, string id, string json)
    {
        using var response = await SendAsync(HttpMethod.Put, resource.Document(id), XapiHttp.Json(json), ifNoneMatch: "*");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("ETag"));
    }

    private async Task<JObject> GetJsonAsync(DocumentResource resource, string id)
    {
        using var response = await _client.GetResponseAsync(resource.Document(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JObject)await response.ReadJsonAsync();
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task A_document_is_read_back_as_written_with_its_content_type_and_a_quoted_ETag(string name)
    {
        var resource = DocumentResource.Fresh(name);
        var bytes = Encoding.UTF8.GetBytes("<notes>bookmark at page 7</notes>");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var put = await SendAsync(HttpMethod.Put, resource.Document("notes"), content);

        using var get = await _client.GetResponseAsync(resource.Document("notes"));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal("application/xml", get.Content.Headers.ContentType?.MediaType);
        var etag = Assert.Single(get.Headers.GetValues("ETag"));
        Assert.Matches("^\"[0-9a-f]+\"$", etag);
        Assert.Equal(Assert.Single(put.Headers.GetValues("ETag")), etag);
        Assert.NotNull(get.Content.Headers.LastModified);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task An_unknown_document_is_404(string name)
    {
        using var response = await _client.GetResponseAsync(DocumentResource.Fresh(name).Document("missing"));

        await XapiError.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_merges_the_top_level_properties_of_a_JSON_object_into_the_stored_one(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "progress", """{"page":1,"bookmark":"intro","score":{"raw":1}}""");

        using var post = await SendAsync(HttpMethod.Post, resource.Document("progress"), XapiHttp.Json("""{"page":2,"score":{"max":9}}"""));

        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        var merged = await GetJsonAsync(resource, "progress");
        Assert.Equal(JObject.Parse("""{"page":2,"bookmark":"intro","score":{"max":9}}"""), merged, JToken.EqualityComparer);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_to_a_missing_document_creates_it(string name)
    {
        var resource = DocumentResource.Fresh(name);

        using var post = await SendAsync(HttpMethod.Post, resource.Document("fresh"), XapiHttp.Json("""{"a":1}"""));

        Assert.Equal(HttpStatusCode.NoContent, post.StatusCode);
        Assert.Equal(JObject.Parse("""{"a":1}"""), await GetJsonAsync(resource, "fresh"), JToken.EqualityComparer);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task GET_without_an_id_lists_the_ids_and_since_keeps_those_updated_later(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "first", "{}");
        // Documents are stamped in milliseconds: keep the instant strictly between the two writes.
        await Task.Delay(10, Token);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(10, Token);
        await PutNewAsync(resource, "second", "{}");

        using var all = await _client.GetResponseAsync(resource.List());
        using var later = await _client.GetResponseAsync(resource.List(between));

        Assert.Equal(["first", "second"], ((JArray)await all.ReadJsonAsync()).Select(t => (string)t!).Order(StringComparer.Ordinal));
        Assert.Equal(["second"], ((JArray)await later.ReadJsonAsync()).Select(t => (string)t!));
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task DELETE_removes_one_document_and_leaves_the_others(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "gone", "{}");
        await PutNewAsync(resource, "kept", "{}");

        using var delete = await SendAsync(HttpMethod.Delete, resource.Document("gone"));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await _client.GetResponseAsync(resource.Document("gone"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await GetJsonAsync(resource, "kept");
    }

    [Fact]
    public async Task DELETE_of_State_without_stateId_removes_every_document_of_the_activity_and_agent()
    {
        var resource = DocumentResource.Fresh(DocumentResource.State);
        await PutNewAsync(resource, "a", "{}");
        await PutNewAsync(resource, "b", "{}");

        using var delete = await SendAsync(HttpMethod.Delete, resource.List());

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var list = await _client.GetResponseAsync(resource.List());
        Assert.Empty((JArray)await list.ReadJsonAsync());
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task If_Match_with_the_current_ETag_replaces_and_with_another_gets_412_changing_nothing(string name)
    {
        var resource = DocumentResource.Fresh(name);
        var etag = await PutNewAsync(resource, "doc", """{"v":1}""");

        using var stale = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":2}"""), ifMatch: "\"0000000000000000000000000000000000000000\"");
        await XapiError.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, (int)(await GetJsonAsync(resource, "doc"))["v"]!);

        using var current = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":3}"""), ifMatch: etag);
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
        Assert.Equal(3, (int)(await GetJsonAsync(resource, "doc"))["v"]!);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task If_None_Match_star_on_an_existing_document_gets_412(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "doc", """{"v":1}""");

        using var response = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":2}"""), ifNoneMatch: "*");

        await XapiError.ReadAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, (int)(await GetJsonAsync(resource, "doc"))["v"]!);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task Under_2_0_a_PUT_without_preconditions_over_an_existing_document_gets_409(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "doc", """{"v":1}""");

        using var response = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":2}"""));

        await XapiError.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1, (int)(await GetJsonAsync(resource, "doc"))["v"]!);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.Profiles), MemberType = typeof(DocumentResource))]
    public async Task Under_1_0_3_a_profile_PUT_without_preconditions_gets_400(string name)
    {
        var resource = DocumentResource.Fresh(name);

        using var response = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":1}"""), version: "1.0.3");

        await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        using var get = await _client.GetResponseAsync(resource.Document("doc"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Under_1_0_3_a_State_PUT_without_preconditions_creates_and_replaces()
    {
        var resource = DocumentResource.Fresh(DocumentResource.State);

        using var create = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":1}"""), version: "1.0.3");
        using var replace = await SendAsync(HttpMethod.Put, resource.Document("doc"), XapiHttp.Json("""{"v":2}"""), version: "1.0.3");

        Assert.Equal(HttpStatusCode.NoContent, create.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replace.StatusCode);
        Assert.Equal(2, (int)(await GetJsonAsync(resource, "doc"))["v"]!);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task POST_of_anything_but_a_JSON_object_gets_400_and_changes_nothing(string name)
    {
        var resource = DocumentResource.Fresh(name);
        await PutNewAsync(resource, "doc", """{"v":1}""");

        using var text = await SendAsync(HttpMethod.Post, resource.Document("doc"), new StringContent("v=2", Encoding.UTF8, "text/plain"));
        using var array = await SendAsync(HttpMethod.Post, resource.Document("doc"), XapiHttp.Json("[1,2]"));
        using var malformed = await SendAsync(HttpMethod.Post, resource.Document("doc"), XapiHttp.Json("{\"v\":"));

        Assert.Equal("Content-Type", (await XapiError.ReadAsync(text, HttpStatusCode.BadRequest)).Field);
        await XapiError.ReadAsync(array, HttpStatusCode.BadRequest);
        await XapiError.ReadAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(1, (int)(await GetJsonAsync(resource, "doc"))["v"]!);
    }

    [Theory]
    [MemberData(nameof(DocumentResource.All), MemberType = typeof(DocumentResource))]
    public async Task Concurrent_POSTs_to_one_document_all_land_in_the_merge(string name)
    {
        var resource = DocumentResource.Fresh(name);
        const int writers = 20;

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            SendAsync(HttpMethod.Post, resource.Document("shared"), XapiHttp.Json($$"""{"k{{i}}":{{i}}}"""))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        foreach (var r in responses)
        {
            r.Dispose();
        }

        var merged = await GetJsonAsync(resource, "shared");
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"k{i}").ToHashSet(), merged.Properties().Select(p => p.Name).ToHashSet());
    }

    [Fact]
    public async Task State_documents_of_a_registration_are_apart_from_those_without_one()
    {
        var resource = DocumentResource.Fresh(DocumentResource.State);
        var withRegistration = resource with { Scope = resource.Scope + "&registration=" + Guid.NewGuid() };
        await PutNewAsync(resource, "doc", """{"where":"none"}""");
        await PutNewAsync(withRegistration, "doc", """{"where":"registration"}""");

        Assert.Equal("none", (string?)(await GetJsonAsync(resource, "doc"))["where"]);
        Assert.Equal("registration", (string?)(await GetJsonAsync(withRegistration, "doc"))["where"]);
    }
}
