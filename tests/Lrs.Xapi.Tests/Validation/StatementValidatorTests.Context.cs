using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    private static JObject WithContext(string contextJson) => Simple("", "context", Fixture.Obj(contextJson));

    [Theory]
    [InlineData("contextAgents")]
    [InlineData("contextGroups")]
    public void Context_agents_and_groups_exist_only_under_2_0(string property)
    {
        var s = Fixture.Statement("context-agents-2.0", x =>
        {
            x.Remove("version");
            x["timestamp"] = "2024-05-02T14:00:00+02:00";
        });

        ((JObject)s["context"]!).Remove(property == "contextAgents" ? "contextGroups" : "contextAgents");

        AssertRejected(s, "context." + property, "not an allowed property", XapiVersion.V103);
        Accepts(s, XapiVersion.V200);
    }

    [Fact]
    public void A_context_must_be_an_object() =>
        AssertRejected(Simple("", "context", new JArray()), "context", "must be an object");

    [Fact]
    public void An_unknown_context_property_is_rejected() =>
        AssertRejected(WithContext("""{ "session": "s-1" }"""), "context.session", "not an allowed property");

    [Theory]
    [InlineData("""{ "registration": "reg-1" }""", "context.registration", "must be a UUID")]
    [InlineData("""{ "instructor": { "mbox": "teacher@example.com" } }""", "context.instructor.mbox", "mailto")]
    [InlineData("""{ "instructor": "Ms Smith" }""", "context.instructor", "must be an Agent or Group object")]
    [InlineData("""{ "revision": 2 }""", "context.revision", "must be a string")]
    [InlineData("""{ "platform": false }""", "context.platform", "must be a string")]
    [InlineData("""{ "language": "e" }""", "context.language", "RFC 5646")]
    [InlineData("""{ "language": "en_US" }""", "context.language", "RFC 5646")]
    [InlineData("""{ "statement": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a" }""", "context.statement", "must be a StatementRef object")]
    [InlineData("""{ "statement": { "id": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a" } }""", "context.statement.objectType", "must be \"StatementRef\"")]
    [InlineData("""{ "statement": { "objectType": "StatementRef", "id": "x" } }""", "context.statement.id", "must be a UUID")]
    [InlineData("""{ "extensions": { "session": "s-1" } }""", "context.extensions.session", "extension key must be an absolute IRI")]
    [InlineData("""{ "contextActivities": [] }""", "context.contextActivities", "must be an object")]
    [InlineData("""{ "contextActivities": { "sibling": [] } }""", "context.contextActivities.sibling", "not an allowed property")]
    [InlineData("""{ "contextActivities": { "parent": "https://lms.example.com/c" } }""", "context.contextActivities.parent", "must be an Activity object or an array of them")]
    [InlineData("""{ "contextActivities": { "parent": [null] } }""", "context.contextActivities.parent[0]", "must be an Activity object")]
    [InlineData("""{ "contextActivities": { "grouping": [{ "objectType": "Agent", "id": "https://lms.example.com/c" }] } }""", "context.contextActivities.grouping[0].objectType", "context activities must be Activities")]
    [InlineData("""{ "contextActivities": { "category": { "id": "profile" } } }""", "context.contextActivities.category.id", "absolute IRI")]
    [InlineData("""{ "contextActivities": { "other": [{ "id": "https://lms.example.com/a" }, {}] } }""", "context.contextActivities.other[1].id", "is required")]
    public void Malformed_context_properties_are_rejected_at_the_failing_property(string context, string path, string rule) =>
        AssertRejected(WithContext(context), path, rule);

    [Fact]
    public void Context_activities_may_be_single_objects_or_arrays() =>
        Accepts(WithContext("""
            { "contextActivities": {
                "parent": { "id": "https://lms.example.com/p" },
                "grouping": [{ "id": "https://lms.example.com/g1" }, { "objectType": "Activity", "id": "https://lms.example.com/g2" }],
                "category": [],
                "other": { "id": "https://lms.example.com/o", "definition": { "name": { "en": "Other" } } } } }
            """));

    [Fact]
    public void The_team_must_be_a_group()
    {
        var e = Reject(WithContext("""{ "team": { "mbox": "mailto:team@example.com" } }"""));

        Assert.Equal("context.team.objectType", e.Path);
        Assert.Contains("team must be a Group", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_team_group_is_validated_as_a_group() =>
        AssertRejected(WithContext("""{ "team": { "objectType": "Group", "name": "No members" } }"""), "context.team.member", "must list its members");

    [Fact]
    public void A_team_that_is_not_an_object_is_rejected() =>
        AssertRejected(WithContext("""{ "team": "Compiler club" }"""), "context.team", "must be an Agent or Group object");

    [Theory]
    [InlineData("revision", """{ "objectType": "Agent", "mbox": "mailto:b@example.com" }""", "Agent")]
    [InlineData("platform", """{ "objectType": "Group", "mbox": "mailto:g@example.com" }""", "Group")]
    [InlineData("revision", """{ "objectType": "StatementRef", "id": "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a" }""", "StatementRef")]
    public void Revision_and_platform_are_only_for_activity_objects(string property, string objectJson, string objectType)
    {
        var s = Fixture.Statement("simple", x =>
        {
            x["object"] = Fixture.Obj(objectJson);
            x["context"] = new JObject { [property] = "1" };
        });

        var e = Reject(s);

        Assert.Equal("context." + property, e.Path);
        Assert.Contains("may only be used when the statement's object is an Activity", e.Rule, StringComparison.Ordinal);
        Assert.Contains("it is a " + objectType, e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_is_not_allowed_when_the_object_is_a_sub_statement() =>
        AssertRejected(With("substatement", "context", "revision", "3"), "context.revision", "it is a SubStatement");

    [Fact]
    public void Revision_inside_a_sub_statement_follows_the_sub_statement_object() =>
        Accepts(With("substatement", "object.context", "platform", "Mobile app"));

    [Fact]
    public void Revision_and_platform_with_an_activity_object_are_valid() =>
        Accepts(WithContext("""{ "revision": "1.2", "platform": "Example LMS", "language": "zh-Hant-TW" }"""));

    [Theory]
    [InlineData("""{ "contextAgents": {} }""", "context.contextAgents", "must be an array")]
    [InlineData("""{ "contextAgents": [5] }""", "context.contextAgents[0]", "must be a contextAgent object")]
    [InlineData("""{ "contextAgents": [{ "agent": { "mbox": "mailto:a@example.com" } }] }""", "context.contextAgents[0].objectType", "is required")]
    [InlineData("""{ "contextAgents": [{ "objectType": "Agent", "agent": { "mbox": "mailto:a@example.com" } }] }""", "context.contextAgents[0].objectType", "must be \"contextAgent\"")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent" }] }""", "context.contextAgents[0].agent", "is required")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "objectType": "Group", "mbox": "mailto:g@example.com" } }] }""", "context.contextAgents[0].agent.objectType", "must be an Agent")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "a@example.com" } }] }""", "context.contextAgents[0].agent.mbox", "mailto")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "relevantTypes": [] }] }""", "context.contextAgents[0].relevantTypes", "must not be empty")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "relevantTypes": "https://example.com/t" }] }""", "context.contextAgents[0].relevantTypes", "must be an array of IRIs")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "relevantTypes": ["https://example.com/t", "mentor"] }] }""", "context.contextAgents[0].relevantTypes[1]", "absolute IRI")]
    [InlineData("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" }, "role": "mentor" }] }""", "context.contextAgents[0].role", "not an allowed property")]
    [InlineData("""{ "contextGroups": [{ "objectType": "contextGroup", "group": { "mbox": "mailto:g@example.com" } }] }""", "context.contextGroups[0].group.objectType", "must be a Group")]
    [InlineData("""{ "contextGroups": [{ "objectType": "contextGroup", "group": { "objectType": "Agent", "mbox": "mailto:g@example.com" } }] }""", "context.contextGroups[0].group.objectType", "must be a Group")]
    [InlineData("""{ "contextGroups": [{ "objectType": "contextAgent", "group": { "objectType": "Group", "mbox": "mailto:g@example.com" } }] }""", "context.contextGroups[0].objectType", "must be \"contextGroup\"")]
    [InlineData("""{ "contextGroups": [{ "objectType": "contextGroup", "group": { "objectType": "Group", "name": "anonymous, no members" } }] }""", "context.contextGroups[0].group.member", "must list its members")]
    public void Malformed_context_agents_and_groups_are_rejected_under_2_0(string context, string path, string rule) =>
        AssertRejected(WithContext(context), path, rule, XapiVersion.V200);

    [Fact]
    public void Context_agents_without_relevant_types_are_valid_under_2_0() =>
        Accepts(WithContext("""{ "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:a@example.com" } }] }"""), XapiVersion.V200);
}
