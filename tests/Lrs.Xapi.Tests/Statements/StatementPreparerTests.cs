using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Statements;

public class StatementPreparerTests
{
    private static readonly JObject LrsAuthority = Fixture.Obj("""
        { "objectType": "Agent", "name": "lms-key", "account": { "homePage": "https://lrs.example.com", "name": "lms-key" } }
        """);

    private static Writer Definer => new((JObject)LrsAuthority.DeepClone(), CanDefine: true);

    [Fact]
    public void A_statement_without_an_id_gets_a_version_7_UUID_as_its_first_property()
    {
        var s = Fixture.Statement("simple");

        var prepared = StatementPreparer.Prepare(s, XapiVersion.V103, Definer);

        Assert.Equal(7, prepared.Id.Version);
        var first = s.Properties().First();
        Assert.Equal("id", first.Name);
        Assert.Equal(prepared.Id.ToString("D"), (string?)first.Value);
        Assert.StartsWith("{\"id\":\"" + prepared.Id.ToString("D") + "\"", prepared.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_given_to_two_statements_differ()
    {
        var a = StatementPreparer.Prepare(Fixture.Statement("simple"), XapiVersion.V103, Definer);
        var b = StatementPreparer.Prepare(Fixture.Statement("simple"), XapiVersion.V103, Definer);

        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void A_given_id_is_kept()
    {
        var s = Fixture.Statement("full", x => x["id"] = "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B");

        var prepared = StatementPreparer.Prepare(s, XapiVersion.V103, Definer);

        Assert.Equal(new Guid("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"), prepared.Id);
        Assert.Equal("6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B", (string?)s["id"]);
    }

    [Fact]
    public void The_authority_is_the_writer_whatever_the_client_sent()
    {
        var s = Fixture.Statement("simple", x => x["authority"] = Fixture.Obj("""{ "mbox": "mailto:impostor@example.com" }"""));
        var writer = Definer;

        var prepared = StatementPreparer.Prepare(s, XapiVersion.V103, writer);
        writer.Authority["name"] = "changed afterwards";

        Assert.True(JToken.DeepEquals(LrsAuthority, s["authority"]));
        Assert.Equal("account:https://lrs.example.com\u001flms-key", prepared.AuthorityKey);
        Assert.Contains("account:https://lrs.example.com\u001flms-key", prepared.Index.RelatedAgents);
    }

    [Fact]
    public void A_client_stored_value_is_dropped()
    {
        var s = Fixture.Statement("simple", x => x["stored"] = "2000-01-01T00:00:00Z");

        var prepared = StatementPreparer.Prepare(s, XapiVersion.V103, Definer);

        Assert.Null(s["stored"]);
        Assert.DoesNotContain("\"stored\"", prepared.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(XapiVersion.V103, "1.0.0")]
    [InlineData(XapiVersion.V200, "2.0.0")]
    public void A_missing_version_is_filled_in_for_the_request_version(XapiVersion version, string expected)
    {
        var s = Fixture.Statement("simple");

        StatementPreparer.Prepare(s, version, Definer);

        Assert.Equal(expected, (string?)s["version"]);
    }

    [Fact]
    public void A_given_version_is_kept() =>
        Assert.Equal("1.0.3", (string?)Prepared("simple", x => x["version"] = "1.0.3", XapiVersion.V200).Statement["version"]);

    [Fact]
    public void A_statement_without_a_timestamp_needs_one()
    {
        var prepared = StatementPreparer.Prepare(Fixture.Statement("simple"), XapiVersion.V103, Definer);

        Assert.True(prepared.NeedsTimestamp);
    }

    [Fact]
    public void A_null_timestamp_is_removed_and_needs_one()
    {
        var prepared = Prepared("simple", x => x["timestamp"] = JValue.CreateNull(), XapiVersion.V200);

        Assert.True(prepared.NeedsTimestamp);
        Assert.False(prepared.Statement.ContainsKey("timestamp"));
        Assert.DoesNotContain("timestamp", prepared.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_given_timestamp_is_kept_as_sent()
    {
        var prepared = Prepared("full");

        Assert.False(prepared.NeedsTimestamp);
        Assert.Equal("2024-03-15T09:30:00.123+01:00", (string?)prepared.Statement["timestamp"]);
    }

    [Fact]
    public void Single_context_activities_become_arrays()
    {
        var prepared = Prepared("full");

        var grouping = Assert.IsType<JArray>(prepared.Statement["context"]!["contextActivities"]!["grouping"]);
        Assert.Equal("https://lms.example.com/courses/programming-history", (string?)Assert.Single(grouping)["id"]);
    }

    [Fact]
    public void Single_context_activities_inside_a_sub_statement_become_arrays()
    {
        var prepared = Prepared("substatement");

        var parent = Assert.IsType<JArray>(prepared.Statement["object"]!["context"]!["contextActivities"]!["parent"]);
        Assert.Equal("https://lms.example.com/programmes/onboarding", (string?)Assert.Single(parent)["id"]);
    }

    [Fact]
    public void A_voiding_statement_names_the_statement_it_voids()
    {
        var prepared = Prepared("voiding");

        Assert.Equal(new Guid("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"), prepared.Voids);
        Assert.Null(prepared.RefersTo);
    }

    [Fact]
    public void A_statement_ref_with_another_verb_refers_to_its_target()
    {
        var prepared = Prepared("voiding", x => x["verb"] = Fixture.Obj("""{ "id": "https://example.com/verbs/endorsed" }"""));

        Assert.Null(prepared.Voids);
        Assert.Equal(new Guid("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"), prepared.RefersTo);
    }

    [Fact]
    public void An_activity_statement_neither_voids_nor_refers()
    {
        var prepared = Prepared("full");

        Assert.Null(prepared.Voids);
        Assert.Null(prepared.RefersTo);
    }

    [Fact]
    public void Definitions_are_collected_when_the_writer_may_define()
    {
        var prepared = Prepared("substatement");

        Assert.Equal(
            ["https://lms.example.com/sessions/onboarding", "https://lms.example.com/programmes/onboarding"],
            prepared.Definitions.Select(d => d.ActivityId));
    }

    [Fact]
    public void Definitions_are_not_collected_when_the_writer_may_not_define()
    {
        var prepared = StatementPreparer.Prepare(Fixture.Statement("full"), XapiVersion.V103, new Writer(LrsAuthority, CanDefine: false));

        Assert.Empty(prepared.Definitions);
    }

    [Fact]
    public void The_serialised_json_is_the_prepared_statement()
    {
        var prepared = Prepared("full");

        Assert.True(JToken.DeepEquals(prepared.Statement, Fixture.Token(prepared.Json)));
        Assert.Contains("\"timestamp\":\"2024-03-15T09:30:00.123+01:00\"", prepared.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_is_built_from_the_prepared_statement()
    {
        var prepared = Prepared("full");

        Assert.Equal("http://adlnet.gov/expapi/verbs/answered", prepared.Index.Verb);
        Assert.Equal(new Guid("0b3c5d7e-9f1a-4b2c-8d3e-5f6a7b8c9d0e"), prepared.Index.Registration);
        Assert.Contains("https://lms.example.com/courses/programming-history", prepared.Index.RelatedActivities);
    }

    private static Lrs.Xapi.Storage.StatementToStore Prepared(string fixture, Action<JObject>? change = null, XapiVersion version = XapiVersion.V103) =>
        StatementPreparer.Prepare(Fixture.Statement(fixture, change ?? (_ => { })), version, Definer);

    [Fact]
    public void Statements_sending_the_same_definition_and_keys_share_one_copy_of_each()
    {
        var first = Prepared("full");
        var second = Prepared("full");

        Assert.NotEmpty(first.Definitions);
        Assert.All(first.Definitions.Zip(second.Definitions), pair => Assert.Same(pair.First.Definition, pair.Second.Definition));
        Assert.Same(first.Index.Verb, second.Index.Verb);
        Assert.All(first.Index.RelatedAgents.Zip(second.Index.RelatedAgents), pair => Assert.Same(pair.First, pair.Second));
        Assert.All(first.Index.RelatedActivities.Zip(second.Index.RelatedActivities), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void A_changed_definition_for_the_same_activity_is_a_copy_of_its_own_and_the_shared_one_is_left_as_it_was()
    {
        var before = Prepared("full").Definitions[0];
        var changed = Fixture.Statement("full");
        changed["object"]!["definition"]!["name"] = new JObject { ["en-US"] = "Renamed" };

        var after = StatementPreparer.Prepare(changed, XapiVersion.V200, Definer).Definitions[0];

        Assert.Equal(before.ActivityId, after.ActivityId);
        Assert.NotSame(before.Definition, after.Definition);
        Assert.Equal("Renamed", (string?)after.Definition["name"]!["en-US"]);
        Assert.NotEqual("Renamed", (string?)before.Definition["name"]!["en-US"]);
        Assert.Null(after.Definition.Parent); // detached from the statement's tree
    }

    [Fact]
    public void The_UTF8_bytes_are_the_serialised_json()
    {
        var prepared = Prepared("full");

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Lrs.Xapi.Json.XapiJson.Serialize(prepared.Statement)), prepared.Utf8);
    }
}
