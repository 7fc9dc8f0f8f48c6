using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Statements;

public class ActivityDefinitionsTests
{
    [Fact]
    public void The_object_definition_is_collected()
    {
        var found = ActivityDefinitions.Collect(Fixture.Statement("full"));

        var d = Assert.Single(found);
        Assert.Equal("https://lms.example.com/quizzes/compilers/q1", d.ActivityId);
        Assert.Equal("choice", (string?)d.Definition["interactionType"]);
    }

    [Fact]
    public void Context_activity_definitions_are_collected_from_arrays_and_single_objects()
    {
        var s = Fixture.Statement("simple", x => x["context"] = Fixture.Obj("""
            { "contextActivities": {
                "parent": [{ "id": "https://a.example.com", "definition": { "name": { "en": "A" } } }, { "id": "https://no-definition.example.com" }],
                "grouping": { "id": "https://b.example.com", "definition": { "type": "https://example.com/types/course" } } } }
            """));

        var found = ActivityDefinitions.Collect(s);

        Assert.Equal(["https://a.example.com", "https://b.example.com"], found.Select(d => d.ActivityId));
    }

    [Fact]
    public void Sub_statement_definitions_are_collected()
    {
        var found = ActivityDefinitions.Collect(Fixture.Statement("substatement"));

        Assert.Equal(
            ["https://lms.example.com/sessions/onboarding", "https://lms.example.com/programmes/onboarding"],
            found.Select(d => d.ActivityId));
        Assert.Equal("Onboarding programme", (string?)found[1].Definition["name"]!["en"]);
    }

    [Fact]
    public void Objects_that_are_not_activities_define_nothing()
    {
        Assert.Empty(ActivityDefinitions.Collect(Fixture.Statement("group-actor")));
        Assert.Empty(ActivityDefinitions.Collect(Fixture.Statement("voiding")));
        Assert.Empty(ActivityDefinitions.Collect(Fixture.Statement("simple")));
    }

    [Fact]
    public void A_first_definition_becomes_the_canonical_one()
    {
        var incoming = Fixture.Obj("""{ "name": { "en": "Quiz" }, "type": "https://example.com/types/quiz" }""");

        var merged = ActivityDefinitions.Merge(null, incoming);

        Assert.True(JToken.DeepEquals(incoming, merged));
        Assert.NotSame(incoming, merged);
    }

    [Fact]
    public void Language_maps_are_merged_per_language_newest_wins()
    {
        var canonical = Fixture.Obj("""{ "name": { "en": "Quiz", "fr": "Questionnaire" }, "description": { "en": "Old" } }""");
        var incoming = Fixture.Obj("""{ "name": { "en": "Final quiz", "de": "Quiz" }, "description": { "es": "Nuevo" } }""");

        var merged = ActivityDefinitions.Merge(canonical, incoming);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "name": { "en": "Final quiz", "fr": "Questionnaire", "de": "Quiz" }, "description": { "en": "Old", "es": "Nuevo" } }"""),
            merged));
    }

    [Fact]
    public void Extensions_are_merged_per_key()
    {
        var canonical = Fixture.Obj("""{ "extensions": { "https://example.com/a": 1, "https://example.com/b": 2 } }""");
        var incoming = Fixture.Obj("""{ "extensions": { "https://example.com/b": 3, "https://example.com/c": null } }""");

        var merged = ActivityDefinitions.Merge(canonical, incoming);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "extensions": { "https://example.com/a": 1, "https://example.com/b": 3, "https://example.com/c": null } }"""),
            merged));
    }

    [Fact]
    public void Other_properties_are_replaced_whole()
    {
        var canonical = Fixture.Obj("""
            { "type": "https://example.com/types/old", "interactionType": "choice", "choices": [{ "id": "a" }, { "id": "b" }], "moreInfo": "https://example.com/info" }
            """);
        var incoming = Fixture.Obj("""{ "type": "https://example.com/types/new", "choices": [{ "id": "c" }] }""");

        var merged = ActivityDefinitions.Merge(canonical, incoming);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "type": "https://example.com/types/new", "interactionType": "choice", "choices": [{ "id": "c" }], "moreInfo": "https://example.com/info" }"""),
            merged));
    }

    [Fact]
    public void A_language_map_replaces_a_held_value_that_is_not_a_map()
    {
        var merged = ActivityDefinitions.Merge(Fixture.Obj("""{ "name": "legacy" }"""), Fixture.Obj("""{ "name": { "en": "New" } }"""));

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "name": { "en": "New" } }"""), merged));
    }

    [Fact]
    public void Merging_changes_neither_input()
    {
        var canonical = Fixture.Obj("""{ "name": { "en": "Quiz" }, "extensions": { "https://example.com/a": 1 } }""");
        var incoming = Fixture.Obj("""{ "name": { "fr": "Questionnaire" }, "extensions": { "https://example.com/b": { "x": 1 } } }""");
        var canonicalBefore = canonical.ToString();
        var incomingBefore = incoming.ToString();

        var merged = ActivityDefinitions.Merge(canonical, incoming);
        merged["extensions"]!["https://example.com/b"]!["x"] = 2;

        Assert.Equal(canonicalBefore, canonical.ToString());
        Assert.Equal(incomingBefore, incoming.ToString());
    }

    [Fact]
    public void An_activity_is_returned_with_its_definition()
    {
        var definition = Fixture.Obj("""{ "name": { "en": "Quiz" } }""");

        var activity = ActivityDefinitions.ToActivity("https://example.com/quiz", definition);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Activity", "id": "https://example.com/quiz", "definition": { "name": { "en": "Quiz" } } }"""),
            activity));
    }

    [Fact]
    public void An_activity_without_a_known_definition_is_returned_without_one()
    {
        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Activity", "id": "https://example.com/quiz" }"""),
            ActivityDefinitions.ToActivity("https://example.com/quiz", null)));
        Assert.Null(ActivityDefinitions.ToActivity("https://example.com/quiz", new JObject())["definition"]);
    }
}
