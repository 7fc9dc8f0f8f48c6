using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Hosting;

/// <summary>The LRS on Kestrel with LRS_MAX_REQUEST_BYTES set low.</summary>
public sealed class SmallRequestLimitLrs : KestrelLrs
{
    public const int MaxRequestBytes = 4096;

    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string> { ["LRS_MAX_REQUEST_BYTES"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>A body larger than LRS_MAX_REQUEST_BYTES gets 413 and is not stored, whichever resource it is sent to.</summary>
public sealed class RequestSizeLimitTests(SmallRequestLimitLrs lrs) : IClassFixture<SmallRequestLimitLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private static JObject StatementOfSize(string activity, int bytes)
    {
        var statement = Statements.Make(activity, id: Guid.NewGuid());
        statement["result"] = new JObject { ["response"] = "" };
        var padding = bytes - Encoding.UTF8.GetByteCount(statement.ToString(Newtonsoft.Json.Formatting.None));
        statement["result"]!["response"] = new string('x', Math.Max(0, padding));
        return statement;
    }

    [Fact]
    public async Task A_statement_body_over_the_limit_gets_413_and_is_not_stored()
    {
        var activity = Statements.NewActivity();

        using var response = await _client.PostStatementsAsync(StatementOfSize(activity, SmallRequestLimitLrs.MaxRequestBytes + 1));

        Assert.Equal("too-large", (await XapiError.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge)).Code);
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_statement_body_within_the_limit_is_stored()
    {
        var activity = Statements.NewActivity();

        using var response = await _client.PostStatementsAsync(StatementOfSize(activity, SmallRequestLimitLrs.MaxRequestBytes - 100));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_chunked_statement_body_over_the_limit_gets_413()
    {
        var activity = Statements.NewActivity();
        var bytes = Encoding.UTF8.GetBytes(StatementOfSize(activity, SmallRequestLimitLrs.MaxRequestBytes * 2).ToString());
        // A stream of unknown length goes out chunked: the limit is enforced while reading, not from Content-Length.
        using var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/xapi/statements", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_document_over_the_limit_gets_413_and_is_not_stored()
    {
        var uri = Xapi.DocumentResource.Fresh(Xapi.DocumentResource.ActivityProfile).Document("big");

        using var put = await _client.PutAsync(uri, new ByteArrayContent(new byte[SmallRequestLimitLrs.MaxRequestBytes + 1]), TestContext.Current.CancellationToken);

        await XapiError.ReadAsync(put, HttpStatusCode.RequestEntityTooLarge);
        using var get = await _client.GetResponseAsync(uri);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it with chunked transfer encoding.</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
