using Lrs.Xapi.Errors;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

/// <summary>
/// The validator, split like the class it tests: statement-level rules here, then agents, activities, context,
/// attachments and the shared building blocks in their own files.
/// </summary>
public partial class StatementValidatorTests
{
    private static ValidationException Reject(JToken statement, XapiVersion version = XapiVersion.V103, string? root = null) =>
        Assert.Throws<ValidationException>(() => StatementValidator.Validate(statement, version, root));

    private static void Accepts(JToken statement, XapiVersion version = XapiVersion.V103) =>
        Assert.Null(Record.Exception(() => StatementValidator.Validate(statement, version)));

    /// <summary>The simple fixture with one property (a dotted path to its parent object) set to a value.</summary>
    private static JObject Simple(string parent, string name, JToken? value) => With("simple", parent, name, value);

    private static JObject With(string fixture, string parent, string name, JToken? value) => Fixture.Statement(fixture, s =>
    {
        var target = parent.Length == 0 ? s : (JObject)s.SelectToken(parent)!;
        target[name] = value ?? JValue.CreateNull();
    });

    private static void AssertRejected(JToken statement, string path, string ruleFragment, XapiVersion version = XapiVersion.V103)
    {
        var e = Reject(statement, version);
        Assert.Equal(path, e.Path);
        Assert.Contains(ruleFragment, e.Rule, StringComparison.Ordinal);
        Assert.Equal(400, e.StatusCode);
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("full")]
    [InlineData("substatement")]
    [InlineData("voiding")]
    [InlineData("group-actor")]
    public void The_fixture_statements_are_valid_under_both_versions(string fixture)
    {
        Accepts(Fixture.Statement(fixture), XapiVersion.V103);
        Accepts(Fixture.Statement(fixture), XapiVersion.V200);
    }

    [Fact]
    public void A_2_0_statement_with_context_agents_and_a_space_separated_timestamp_is_valid_under_2_0() =>
        Accepts(Fixture.Statement("context-agents-2.0"), XapiVersion.V200);

    [Fact]
    public void In_a_batch_the_path_names_the_statement_by_its_index()
    {
        var batch = Fixture.Batch("batch");
        for (var i = 0; i < 3; i++)
        {
            StatementValidator.Validate(batch[i], XapiVersion.V103, $"[{i}]");
        }

        var e = Reject(batch[3], XapiVersion.V103, "[3]");

        Assert.Equal("[3].context.contextActivities.parent[0].id", e.Path);
        Assert.Contains("absolute IRI", e.Rule, StringComparison.Ordinal);
        Assert.Equal("[3].context.contextActivities.parent[0].id: " + e.Rule, e.Message);
    }

    [Fact]
    public void A_statement_must_be_a_JSON_object() =>
        AssertRejected(new JArray(), "", "must be a JSON object");

    [Theory]
    [InlineData("actor")]
    [InlineData("verb")]
    [InlineData("object")]
    public void Actor_verb_and_object_are_required(string name) =>
        AssertRejected(Fixture.Statement("simple", s => s.Remove(name)), name, "is required");

    [Fact]
    public void An_unknown_statement_property_is_rejected_and_the_allowed_ones_are_named()
    {
        var e = Reject(Simple("", "dummy", "dummy"));

        Assert.Equal("dummy", e.Path);
        Assert.Contains("not a statement property", e.Rule, StringComparison.Ordinal);
        Assert.Contains("timestamp", e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("result")]
    [InlineData("context")]
    [InlineData("stored")]
    [InlineData("authority")]
    [InlineData("version")]
    [InlineData("attachments")]
    public void A_null_statement_property_is_rejected_under_both_versions(string name)
    {
        AssertRejected(Simple("", name, null), name, "must not be null", XapiVersion.V103);
        AssertRejected(Simple("", name, null), name, "must not be null", XapiVersion.V200);
    }

    [Fact]
    public void A_null_timestamp_is_rejected_under_1_0_3() =>
        AssertRejected(Simple("", "timestamp", null), "timestamp", "must not be null", XapiVersion.V103);

    [Fact]
    public void A_null_timestamp_means_no_timestamp_under_2_0() =>
        Accepts(Simple("", "timestamp", null), XapiVersion.V200);

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("6f1c2a9e3b4d4e5f8a7b9c0d1e2f3a4b")]
    public void The_id_must_be_a_UUID(string id) =>
        AssertRejected(Simple("", "id", id), "id", "must be a UUID");

    [Fact]
    public void The_id_must_be_a_string() =>
        AssertRejected(Simple("", "id", 42), "id", "must be a string");

    [Fact]
    public void The_verb_id_must_be_an_IRI() =>
        AssertRejected(Simple("verb", "id", "completed"), "verb.id", "absolute IRI");

    [Fact]
    public void The_verb_id_is_required() =>
        AssertRejected(Fixture.Statement("simple", s => ((JObject)s["verb"]!).Remove("id")), "verb.id", "is required");

    [Fact]
    public void The_verb_must_be_an_object() =>
        AssertRejected(Simple("", "verb", "http://adlnet.gov/expapi/verbs/completed"), "verb", "must be an object");

    [Fact]
    public void A_verb_display_with_a_bad_language_tag_names_the_key() =>
        AssertRejected(Simple("verb", "display", new JObject { ["en_US"] = "completed" }), "verb.display.en_US", "RFC 5646");

    [Fact]
    public void An_unknown_object_type_is_rejected() =>
        AssertRejected(Simple("object", "objectType", "Person"), "object.objectType", "must be one of Activity, Agent, Group, StatementRef, SubStatement");

    [Fact]
    public void An_object_type_is_case_sensitive() =>
        AssertRejected(Simple("object", "objectType", "activity"), "object.objectType", "must be one of");

    [Fact]
    public void The_object_must_be_an_object() =>
        AssertRejected(Simple("", "object", "https://example.com/a"), "object", "must be an object");

    [Fact]
    public void A_statement_ref_needs_a_UUID_id_and_nothing_else()
    {
        AssertRejected(Simple("", "object", new JObject { ["objectType"] = "StatementRef" }), "object.id", "is required");
        AssertRejected(Simple("", "object", new JObject { ["objectType"] = "StatementRef", ["id"] = "https://example.com/s/1" }), "object.id", "must be a UUID");
        AssertRejected(
            Simple("", "object", new JObject { ["objectType"] = "StatementRef", ["id"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", ["definition"] = new JObject() }),
            "object.definition",
            "not an allowed property");
    }

    [Fact]
    public void An_agent_as_object_needs_an_inverse_functional_identifier() =>
        AssertRejected(Simple("", "object", new JObject { ["objectType"] = "Agent", ["name"] = "Nobody" }), "object", "exactly one inverse functional identifier");

    [Fact]
    public void The_voided_verb_needs_a_statement_ref_object()
    {
        var s = Simple("verb", "id", "http://adlnet.gov/expapi/verbs/voided");

        AssertRejected(s, "object", "must have a StatementRef as its object");
    }

    [Fact]
    public void The_voided_verb_with_a_statement_ref_is_valid() => Accepts(Fixture.Statement("voiding"));

    [Fact]
    public void A_statement_ref_with_another_verb_is_valid() =>
        Accepts(Fixture.Statement("voiding", s => s["verb"] = new JObject { ["id"] = "https://example.com/verbs/liked" }));

    [Theory]
    [InlineData("id", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")]
    [InlineData("stored", "2024-06-01T09:00:00Z")]
    [InlineData("version", "1.0.0")]
    public void A_sub_statement_must_not_carry_what_only_statements_have(string name, string value) =>
        AssertRejected(With("substatement", "object", name, value), "object." + name, "a SubStatement must not have an " + name);

    [Fact]
    public void A_sub_statement_must_not_carry_an_authority() =>
        AssertRejected(
            With("substatement", "object", "authority", new JObject { ["mbox"] = "mailto:lrs@example.com" }),
            "object.authority",
            "a SubStatement must not have an authority");

    [Fact]
    public void A_sub_statement_must_not_nest_another_sub_statement()
    {
        var s = Fixture.Statement("substatement");
        var inner = (JObject)s["object"]!.DeepClone();
        s["object"]!["object"] = inner;

        AssertRejected(s, "object.object.objectType", "must not contain another SubStatement");
    }

    [Fact]
    public void An_unknown_sub_statement_property_is_rejected() =>
        AssertRejected(With("substatement", "object", "id2", "x"), "object.id2", "is not a SubStatement property");

    [Fact]
    public void A_sub_statement_needs_actor_verb_and_object() =>
        AssertRejected(Fixture.Statement("substatement", s => ((JObject)s["object"]!).Remove("verb")), "object.verb", "is required");

    [Fact]
    public void Errors_inside_a_sub_statement_carry_its_path() =>
        AssertRejected(With("substatement", "object.actor", "mbox", "learner@example.com"), "object.actor.mbox", "mailto");

    [Fact]
    public void A_sub_statement_with_the_voided_verb_needs_a_statement_ref_too() =>
        AssertRejected(With("substatement", "object.verb", "id", "http://adlnet.gov/expapi/verbs/voided"), "object.object", "StatementRef");

    [Theory]
    [InlineData(XapiVersion.V103)]
    [InlineData(XapiVersion.V200)]
    public void A_null_timestamp_inside_a_sub_statement_is_rejected_under_both_versions(XapiVersion version) =>
        AssertRejected(With("substatement", "object", "timestamp", null), "object.timestamp", "must not be null", version);

    [Fact]
    public void An_invalid_sub_statement_timestamp_is_rejected() =>
        AssertRejected(With("substatement", "object", "timestamp", "yesterday"), "object.timestamp", "ISO 8601 timestamp");

    [Theory]
    [InlineData("2024-01-31T13:45:00-00:00")]
    [InlineData("2024-01-31T13:45:00-0000")]
    [InlineData("2024-01-31T13:45:00-00")]
    [InlineData("2024-02-30T13:45:00Z")]
    [InlineData("31/01/2024")]
    public void An_invalid_timestamp_is_rejected_and_the_rule_mentions_negative_zero(string timestamp)
    {
        var e = Reject(Simple("", "timestamp", timestamp));

        Assert.Equal("timestamp", e.Path);
        Assert.Contains("-00:00 is not allowed", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_must_be_a_string() =>
        AssertRejected(Simple("", "timestamp", 1706708700), "timestamp", "must be a string");

    [Fact]
    public void A_space_separated_timestamp_is_accepted_only_under_2_0()
    {
        var s = Simple("", "timestamp", "2024-01-31 13:45:00Z");

        AssertRejected(s, "timestamp", "ISO 8601 timestamp", XapiVersion.V103);
        Accepts(s, XapiVersion.V200);
    }

    [Fact]
    public void A_stored_value_is_held_to_the_timestamp_rules()
    {
        Accepts(Simple("", "stored", "2024-01-31T13:45:00.000Z"));
        AssertRejected(Simple("", "stored", "2024-01-31T13:45:00-00:00"), "stored", "ISO 8601 timestamp");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    [InlineData("1.0.3")]
    [InlineData("1.0.12")]
    public void Under_1_0_3_the_version_property_is_1_0_or_1_0_x(string version) =>
        Accepts(Simple("", "version", version), XapiVersion.V103);

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("2.0")]
    [InlineData("1.1.0")]
    [InlineData("1.0.")]
    [InlineData("1.0.x")]
    [InlineData("0.95")]
    [InlineData("1")]
    public void Under_1_0_3_other_version_properties_are_rejected(string version) =>
        AssertRejected(Simple("", "version", version), "version", "must be 1.0 or 1.0.x", XapiVersion.V103);

    [Theory]
    [InlineData("2.0")]
    [InlineData("2.0.0")]
    [InlineData("2.0.7")]
    [InlineData("1.0")]
    [InlineData("1.0.3")]
    public void Under_2_0_the_version_property_is_1_0_x_or_2_0_x(string version) =>
        Accepts(Simple("", "version", version), XapiVersion.V200);

    [Theory]
    [InlineData("2.1.0")]
    [InlineData("3.0.0")]
    [InlineData("2")]
    [InlineData("2.0.0-beta")]
    [InlineData(" 2.0.0")]
    public void Under_2_0_other_version_properties_are_rejected(string version) =>
        AssertRejected(Simple("", "version", version), "version", "must be 1.0.x or 2.0.x", XapiVersion.V200);

    [Fact]
    public void The_version_property_must_be_a_string() =>
        AssertRejected(Simple("", "version", 1.0), "version", "must be a string");
}
