using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>
/// A statement breaking a rule of the data model gets 400 naming the JSON path and the rule, never a 500, and is not
/// stored.
/// </summary>
public sealed class BadStatementTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    /// <summary>Each case: how a valid statement is broken, and the path the error must name.</summary>
    private static readonly Dictionary<string, (Action<JObject> Break, string Field)> Cases = new(StringComparer.Ordinal)
    {
        ["id that is not a UUID"] = (s => s["id"] = "1234", "id"),
        ["id with a non-hex digit"] = (s => s["id"] = "0f8fad5b-d9cb-469f-a165-70867728950z", "id"),
        ["verb id that is not an IRI"] = (s => s["verb"]!["id"] = "experienced", "verb.id"),
        ["activity id with a space"] = (s => s["object"]!["id"] = "http://example.com/an activity", "object.id"),
        ["mbox without mailto"] = (s => s["actor"]!["mbox"] = "learner@example.com", "actor.mbox"),
        ["agent with two identifiers"] = (s => s["actor"]!["openid"] = "https://example.com/openid/learner", "actor"),
        ["timestamp that is not ISO 8601"] = (s => s["timestamp"] = "yesterday at noon", "timestamp"),
        ["timestamp with month 13"] = (s => s["timestamp"] = "2024-13-01T10:00:00Z", "timestamp"),
        ["timestamp in year 0000"] = (s => s["timestamp"] = "0000-01-01T00:00:00Z", "timestamp"),
        ["language tag that is not RFC 5646"] = (s => s["verb"]!["display"] = new JObject { ["not a tag!"] = "did" }, "verb.display.not a tag!"),
        ["context language that is not a tag"] = (s => s["context"] = new JObject { ["language"] = "english please" }, "context.language"),
        ["duration that is not ISO 8601"] = (s => s["result"] = new JObject { ["duration"] = "1 hour" }, "result.duration"),
        ["extension key that is not an IRI"] = (s => s["result"] = new JObject { ["extensions"] = new JObject { ["score-detail"] = 1 } }, "result.extensions.score-detail"),
        ["scaled score above 1"] = (s => s["result"] = new JObject { ["score"] = new JObject { ["scaled"] = 1.5 } }, "result.score.scaled"),
        ["scaled score beyond 64 bits"] = (s => s["result"] = JObject.Parse("""{"score":{"scaled":123456789012345678901234567890}}"""), "result.score.scaled"),
        ["attachment length beyond 64 bits"] = (s => s["attachments"] = JArray.Parse(
            """[{"usageType":"http://example.com/u","display":{"en":"a"},"contentType":"text/plain","length":123456789012345678901234567890,"sha2":"ab","fileUrl":"http://example.com/f"}]"""),
            "attachments[0].length"),
        ["registration that is not a UUID"] = (s => s["context"] = new JObject { ["registration"] = "session-1519" }, "context.registration"),
        ["unknown interactionType"] = (s => s["object"]!["definition"] = new JObject { ["interactionType"] = "compound" }, "object.definition.interactionType"),
        ["property the statement does not have"] = (s => s["score"] = 5, "score"),
        ["null property"] = (s => s["result"] = JValue.CreateNull(), "result"),
        ["version that is not 1.0.x or 2.0.x"] = (s => s["version"] = "3.0.0", "version"),
        ["voiding statement whose object is an activity"] = (s => s["verb"]!["id"] = Statements.Voided, "object"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_statement_breaking_a_rule_gets_400_naming_the_field_and_is_not_stored(string name)
    {
        var (breakIt, field) = Cases[name];
        var activity = Statements.NewActivity();
        var statement = Statements.Make(activity);
        breakIt(statement);

        using var response = await _client.PostStatementsAsync(statement);

        await XapiError.InvalidAsync(response, field);
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task Malformed_JSON_gets_400_saying_so()
    {
        using var response = await _client.PostAsync("/xapi/statements", XapiHttp.Json("""{"actor": {"mbox": "mailto:a@example.com"}, "verb": """), TestContext.Current.CancellationToken);

        var error = await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("malformed JSON", error.Rule, StringComparison.Ordinal);
        Assert.NotNull(error.Field);
    }

    [Fact]
    public async Task A_property_named_twice_gets_400_naming_it()
    {
        var json = """{"actor":{"mbox":"mailto:a@example.com","mbox":"mailto:b@example.com"},"verb":{"id":"http://example.com/v"},"object":{"id":"http://example.com/a"}}""";

        using var response = await _client.PostAsync("/xapi/statements", XapiHttp.Json(json), TestContext.Current.CancellationToken);

        var error = await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("duplicate", error.Rule, StringComparison.Ordinal);
        Assert.StartsWith("actor", error.Field, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public async Task A_value_JSON_does_not_have_gets_400_instead_of_being_stored_as_something_else(string literal)
    {
        var activity = Statements.NewActivity();
        var statement = Statements.Make(activity);
        statement["result"] = new JObject { ["extensions"] = new JObject { ["http://example.com/e"] = "placeholder" } };
        var json = statement.ToString(Newtonsoft.Json.Formatting.None).Replace("\"placeholder\"", literal, StringComparison.Ordinal);

        using var response = await _client.PostAsync("/xapi/statements", XapiHttp.Json(json), TestContext.Current.CancellationToken);

        var error = await XapiError.InvalidAsync(response, "result.extensions['http://example.com/e']");
        Assert.Contains("not a JSON value", error.Rule, StringComparison.Ordinal);
        Assert.Empty(await _client.QueryIdsAsync("activity=" + XapiHttp.Q(activity)));
    }

    [Fact]
    public async Task A_raw_score_beyond_64_bits_is_a_number_and_is_stored()
    {
        var statement = Statements.Make(Statements.NewActivity());
        statement["result"] = JObject.Parse("""{"score":{"raw":123456789012345678901234567890}}""");

        var id = (await _client.StoreAsync(statement))[0];

        Assert.Equal(JTokenType.Integer, (await _client.GetStatementAsync(id))["result"]!["score"]!["raw"]!.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("[1]")]
    [InlineData("{} {}")]
    public async Task A_body_that_is_not_statements_gets_400(string body)
    {
        using var response = await _client.PostAsync("/xapi/statements", XapiHttp.Json(body), TestContext.Current.CancellationToken);

        var error = await XapiError.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(error.Rule));
    }

    [Fact]
    public async Task Statements_sent_as_neither_JSON_nor_multipart_get_400()
    {
        using var response = await _client.PostAsync("/xapi/statements", new StringContent("actor=me", System.Text.Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        Assert.Equal("Content-Type", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
    }
}
