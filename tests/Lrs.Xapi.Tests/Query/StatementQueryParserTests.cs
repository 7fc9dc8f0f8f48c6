using Lrs.Xapi.Errors;
using Lrs.Xapi.Query;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Query;

public class StatementQueryParserTests
{
    private const string Id = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";

    private static StatementRequest Parse(XapiVersion version = XapiVersion.V103, params (string Name, string Value)[] parameters) =>
        StatementQueryParser.Parse(parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), version);

    private static StatementRequest Parse(params (string Name, string Value)[] parameters) => Parse(XapiVersion.V103, parameters);

    private static StatementFilter Filter(params (string Name, string Value)[] parameters) =>
        Assert.IsType<StatementQueryRequest>(Parse(parameters)).Filter;

    private static BadRequestException Refused(params (string Name, string Value)[] parameters) =>
        Assert.Throws<BadRequestException>(() => Parse(parameters));

    [Fact]
    public void No_parameters_ask_for_the_newest_page_of_everything()
    {
        var request = Assert.IsType<StatementQueryRequest>(Parse());

        Assert.Equal(StatementFormat.Exact, request.Format);
        Assert.False(request.Attachments);
        Assert.Empty(request.Parameters);
        Assert.Equal(new StatementFilter { Limit = StatementQueryParser.MaxLimit }, request.Filter);
    }

    [Theory]
    [InlineData("statementid")]
    [InlineData("Agent")]
    [InlineData("related_agent")]
    [InlineData("offset")]
    [InlineData("more")]
    public void An_unknown_parameter_is_refused_by_name(string name)
    {
        var e = Refused((name, "x"));

        Assert.Equal(name, e.Parameter);
        Assert.Equal($"'{name}' is not a parameter of the statements resource", e.Message);
    }

    [Fact]
    public void A_statement_id_asks_for_one_statement()
    {
        var request = Assert.IsType<SingleStatementRequest>(Parse(("statementId", Id)));

        Assert.Equal(new Guid(Id), request.Id);
        Assert.False(request.Voided);
        Assert.Equal(StatementFormat.Exact, request.Format);
    }

    [Fact]
    public void A_voided_statement_id_asks_for_one_voided_statement()
    {
        var request = Assert.IsType<SingleStatementRequest>(Parse(("voidedStatementId", Id.ToUpperInvariant()), ("format", "ids"), ("attachments", "true")));

        Assert.Equal(new Guid(Id), request.Id);
        Assert.True(request.Voided);
        Assert.Equal(StatementFormat.Ids, request.Format);
        Assert.True(request.Attachments);
    }

    [Fact]
    public void Statement_id_and_voided_statement_id_cannot_be_combined()
    {
        var e = Refused(("statementId", Id), ("voidedStatementId", Id));

        Assert.Equal("statementId", e.Parameter);
        Assert.Contains("cannot be used together", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", """{"mbox":"mailto:ada@example.com"}""")]
    [InlineData("verb", "http://adlnet.gov/expapi/verbs/completed")]
    [InlineData("limit", "10")]
    [InlineData("ascending", "true")]
    [InlineData("since", "2024-01-01T00:00:00Z")]
    public void A_statement_id_cannot_be_combined_with_a_filter(string name, string value)
    {
        var e = Refused(("statementId", Id), (name, value));

        Assert.Equal(name, e.Parameter);
        Assert.Contains("cannot be combined with statementId", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("statementId", "not-a-uuid")]
    [InlineData("voidedStatementId", "6f1c2a9e3b4d4e5f8a7b9c0d1e2f3a4b")]
    [InlineData("registration", "{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b}")]
    public void Ids_must_be_UUIDs(string name, string value)
    {
        var e = Refused((name, value));

        Assert.Equal(name, e.Parameter);
        Assert.Equal($"{name} must be a UUID", e.Message);
    }

    [Theory]
    [InlineData("exact", StatementFormat.Exact)]
    [InlineData("ids", StatementFormat.Ids)]
    [InlineData("canonical", StatementFormat.Canonical)]
    public void The_format_is_one_of_three(string value, StatementFormat expected) =>
        Assert.Equal(expected, Parse(("format", value)).Format);

    [Theory]
    [InlineData("IDS")]
    [InlineData("full")]
    [InlineData("")]
    public void Another_format_is_refused(string value) => Assert.Equal("format", Refused(("format", value)).Parameter);

    [Theory]
    [InlineData("attachments")]
    [InlineData("ascending")]
    [InlineData("related_agents")]
    [InlineData("related_activities")]
    public void Booleans_are_true_or_false_and_nothing_else(string name)
    {
        foreach (var bad in (string[])["True", "1", "yes", ""])
        {
            var e = Refused((name, bad));
            Assert.Equal(name, e.Parameter);
            Assert.Equal($"{name} must be true or false", e.Message);
        }
    }

    [Fact]
    public void Boolean_parameters_set_their_filters()
    {
        var request = Assert.IsType<StatementQueryRequest>(Parse(
            ("attachments", "true"), ("ascending", "true"), ("related_agents", "true"), ("related_activities", "false")));

        Assert.True(request.Attachments);
        Assert.True(request.Filter.Ascending);
        Assert.True(request.Filter.RelatedAgents);
        Assert.False(request.Filter.RelatedActivities);
    }

    [Fact]
    public void The_agent_filter_is_the_agent_identifier_key() =>
        Assert.Equal("mbox:mailto:ada@example.com", Filter(("agent", """{ "objectType": "Agent", "name": "Ada", "mbox": "mailto:ada@example.com" }""")).Agent);

    [Fact]
    public void An_identified_group_may_be_the_agent_filter() =>
        Assert.Equal(
            "account:https://lms.example.com\u001fteam-7",
            Filter(("agent", """{ "objectType": "Group", "account": { "homePage": "https://lms.example.com", "name": "team-7" } }""")).Agent);

    [Fact]
    public void An_anonymous_group_cannot_be_the_agent_filter()
    {
        var e = Refused(("agent", """{ "objectType": "Group", "member": [{ "mbox": "mailto:a@example.com" }] }"""));

        Assert.Equal("agent", e.Parameter);
        Assert.Equal("agent must be an Agent or an identified Group", e.Message);
    }

    [Theory]
    [InlineData("mailto:ada@example.com")]
    [InlineData("{ \"mbox\": ")]
    [InlineData("""{ "mbox": "mailto:a@example.com", "mbox": "mailto:b@example.com" }""")]
    public void An_agent_that_is_not_JSON_is_refused(string value)
    {
        var e = Refused(("agent", value));

        Assert.Equal("agent", e.Parameter);
        Assert.StartsWith("agent must be a JSON Agent object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_agent_is_refused_with_the_path_inside_the_parameter()
    {
        var e = Assert.Throws<ValidationException>(() => Parse(("agent", """{ "mbox": "ada@example.com" }""")));

        Assert.Equal("agent.mbox", e.Path);
    }

    [Fact]
    public void An_agent_parameter_that_is_not_an_object_is_refused() =>
        Assert.Equal("agent", Assert.Throws<ValidationException>(() => Parse(("agent", "[1]"))).Path);

    [Fact]
    public void Verb_activity_and_registration_filters_are_kept()
    {
        var filter = Filter(
            ("verb", "http://adlnet.gov/expapi/verbs/completed"),
            ("activity", "https://lms.example.com/courses/1"),
            ("registration", "0B3C5D7E-9F1A-4B2C-8D3E-5F6A7B8C9D0E"));

        Assert.Equal("http://adlnet.gov/expapi/verbs/completed", filter.Verb);
        Assert.Equal("https://lms.example.com/courses/1", filter.Activity);
        Assert.Equal(new Guid("0b3c5d7e-9f1a-4b2c-8d3e-5f6a7b8c9d0e"), filter.Registration);
    }

    [Theory]
    [InlineData("verb", "completed")]
    [InlineData("activity", "lms.example.com/courses/1")]
    [InlineData("activity", "https://lms.example.com/a b")]
    public void Verb_and_activity_must_be_IRIs(string name, string value)
    {
        var e = Refused((name, value));

        Assert.Equal(name, e.Parameter);
        Assert.Equal($"{name} must be an IRI", e.Message);
    }

    [Fact]
    public void Since_and_until_are_read_as_instants()
    {
        var filter = Filter(("since", "2024-01-31T13:45:00+01:00"), ("until", "2024-02-01 00:00:00Z"));

        Assert.Equal(new DateTimeOffset(2024, 1, 31, 12, 45, 0, TimeSpan.Zero), filter.Since);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), filter.Until);
    }

    [Theory]
    [InlineData("since", "yesterday")]
    [InlineData("until", "2024-01-31T13:45:00-00:00")]
    [InlineData("since", "2024-02-30T00:00:00Z")]
    public void Since_and_until_must_be_timestamps(string name, string value)
    {
        var e = Refused((name, value));

        Assert.Equal(name, e.Parameter);
        Assert.Equal($"{name} must be an ISO 8601 timestamp", e.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("10", 10)]
    [InlineData("500", 500)]
    [InlineData("0", StatementQueryParser.MaxLimit)]
    [InlineData("501", StatementQueryParser.MaxLimit)]
    [InlineData("2147483647", StatementQueryParser.MaxLimit)]
    [InlineData("99999999999999999999", StatementQueryParser.MaxLimit)]
    public void The_limit_is_capped_at_the_maximum_and_0_means_the_maximum(string value, int expected) =>
        Assert.Equal(expected, Filter(("limit", value)).Limit);

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("")]
    public void A_limit_that_is_not_a_non_negative_integer_is_refused(string value)
    {
        var e = Refused(("limit", value));

        Assert.Equal("limit", e.Parameter);
        Assert.Equal("limit must be a non-negative integer", e.Message);
    }

    [Fact]
    public void The_parameters_are_kept_as_sent_for_the_more_link()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agent"] = """{"mbox":"mailto:ada@example.com"}""",
            ["limit"] = "0",
            ["format"] = "canonical",
        };

        var request = Assert.IsType<StatementQueryRequest>(StatementQueryParser.Parse(parameters, XapiVersion.V200));

        Assert.Equal(parameters, request.Parameters);
        Assert.Equal(StatementFormat.Canonical, request.Format);
    }

    [Fact]
    public void A_document_agent_parameter_refuses_a_group_when_groups_are_not_allowed()
    {
        var e = Assert.Throws<ValidationException>(() => StatementQueryParser.ParseAgentParameter(
            """{ "objectType": "Group", "mbox": "mailto:g@example.com" }""", "agent", XapiVersion.V103, allowGroup: false));

        Assert.Equal("agent.objectType", e.Path);
    }

    [Fact]
    public void An_agent_parameter_is_returned_as_the_parsed_object()
    {
        var agent = StatementQueryParser.ParseAgentParameter("""{ "account": { "homePage": "https://lms.example.com", "name": "a" } }""", "agent", XapiVersion.V200, allowGroup: false);

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "account": { "homePage": "https://lms.example.com", "name": "a" } }"""), agent));
    }

    [Fact]
    public void A_malformed_agent_parameter_names_the_parameter_it_came_in()
    {
        var e = Assert.Throws<BadRequestException>(() => StatementQueryParser.ParseAgentParameter("{", "agent", XapiVersion.V103, allowGroup: false));

        Assert.Equal("agent", e.Parameter);
    }
}
