using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>Statements with attachments travel as multipart/mixed; every declared part must arrive and match its hash.</summary>
public sealed class StatementAttachmentTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private static readonly AttachmentPart Text = new(Encoding.UTF8.GetBytes("here is a simple attachment"));
    private static readonly AttachmentPart Binary = new([0, 1, 2, 255, 254, 13, 10, 45, 45], "application/octet-stream");

    private static JObject WithAttachments(string activity, params AttachmentPart[] parts)
    {
        var statement = Statements.Make(activity, id: Guid.NewGuid());
        statement["attachments"] = new JArray(parts.Select(p => Attachments.Describe(p)));
        return statement;
    }

    private Task<HttpResponseMessage> PostAsync(HttpContent content) =>
        _client.PostAsync("/xapi/statements", content, TestContext.Current.CancellationToken);

    private async Task AssertNothingStoredAsync(string activity) =>
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));

    [Fact]
    public async Task A_statement_with_its_parts_is_stored_and_returned_with_them_when_attachments_is_true()
    {
        var statement = WithAttachments(Statements.NewActivity(), Text, Binary);
        var id = Guid.Parse((string)statement["id"]!);

        using var post = await PostAsync(Attachments.Request(statement, Text, Binary));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        using var withParts = await _client.GetResponseAsync($"/xapi/statements?statementId={id}&attachments=true");
        var (json, parts) = await Attachments.ReadAsync(withParts);
        Assert.Equal(id.ToString("D"), (string?)json["id"]);
        Assert.Equal(2, parts.Count);
        Assert.Equal(Text.Content, parts[Text.Hash]);
        Assert.Equal(Binary.Content, parts[Binary.Hash]);

        using var plain = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_query_with_attachments_true_answers_multipart_with_the_parts_of_every_statement()
    {
        var activity = Statements.NewActivity();
        var other = new AttachmentPart(Encoding.UTF8.GetBytes("another one"));
        var batch = new JArray(WithAttachments(activity, Text), WithAttachments(activity, other), Statements.Make(activity));

        using var post = await PostAsync(Attachments.Request(batch, Text, other));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        using var response = await _client.GetResponseAsync("/xapi/statements?attachments=true&activity=" + XapiHttp.Q(activity));
        var (json, parts) = await Attachments.ReadAsync(response);
        Assert.Equal(3, ((JArray)json["statements"]!).Count);
        Assert.Equal(Text.Content, parts[Text.Hash]);
        Assert.Equal(other.Content, parts[other.Hash]);
    }

    [Fact]
    public async Task An_attachment_with_a_fileUrl_needs_no_part()
    {
        var activity = Statements.NewActivity();
        var statement = WithAttachments(activity, Text);
        statement["attachments"]![0]!["fileUrl"] = "https://example.com/files/attachment.txt";

        using var response = await _client.PostStatementsAsync(statement);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_declared_attachment_without_its_part_gets_400_and_stores_nothing()
    {
        var activity = Statements.NewActivity();

        using var multipart = await PostAsync(Attachments.Request(WithAttachments(activity, Text, Binary), Text));
        using var json = await _client.PostStatementsAsync(WithAttachments(activity, Text));

        await XapiError.InvalidAsync(multipart, "attachments[1].sha2");
        await XapiError.InvalidAsync(json, "attachments[0].sha2");
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task A_part_that_belongs_to_no_attachment_gets_400_and_stores_nothing()
    {
        var activity = Statements.NewActivity();

        using var response = await PostAsync(Attachments.Request(WithAttachments(activity, Text), Text, Binary));

        Assert.Equal("X-Experience-API-Hash", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task A_part_whose_content_does_not_match_its_hash_gets_400_and_stores_nothing()
    {
        var activity = Statements.NewActivity();
        var statement = WithAttachments(activity, Text);
        var altered = Text with { Content = Encoding.UTF8.GetBytes("here is a simple attachment, altered") };

        using var response = await PostAsync(Attachments.Request(statement, altered));

        Assert.Equal("X-Experience-API-Hash", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task A_part_without_Content_Transfer_Encoding_binary_gets_400_and_stores_nothing()
    {
        var activity = Statements.NewActivity();

        using var response = await PostAsync(Attachments.Request(WithAttachments(activity, Text), Text with { WithTransferEncoding = false }));

        Assert.Equal("Content-Transfer-Encoding", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
        await AssertNothingStoredAsync(activity);
    }

    [Fact]
    public async Task A_multipart_request_whose_first_part_is_not_JSON_gets_400()
    {
        var multipart = new MultipartContent("mixed", "b-" + Guid.NewGuid().ToString("N"))
        {
            new StringContent("not json", Encoding.UTF8, "text/plain"),
        };

        using var response = await PostAsync(multipart);

        Assert.Equal("Content-Type", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
    }
}
