using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    private static JObject WithDefinition(string definitionJson) =>
        Simple("object", "definition", Fixture.Obj(definitionJson));

    [Fact]
    public void An_activity_needs_an_id() =>
        AssertRejected(Simple("", "object", new JObject { ["objectType"] = "Activity" }), "object.id", "is required");

    [Theory]
    [InlineData("analytical-engines")]
    [InlineData("https://lms.example.com/a b")]
    public void An_activity_id_must_be_an_absolute_IRI(string id) =>
        AssertRejected(Simple("object", "id", id), "object.id", "absolute IRI");

    [Fact]
    public void An_activity_without_object_type_is_an_activity() =>
        Accepts(Simple("", "object", new JObject { ["id"] = "https://lms.example.com/a" }));

    [Fact]
    public void An_unknown_activity_property_is_rejected() =>
        AssertRejected(Simple("object", "name", "Engines"), "object.name", "not an allowed property");

    [Fact]
    public void A_definition_must_be_an_object() =>
        AssertRejected(Simple("object", "definition", "Engines"), "object.definition", "must be an object");

    [Theory]
    [InlineData("""{ "title": { "en": "x" } }""", "object.definition.title", "not an allowed property")]
    [InlineData("""{ "name": "Engines" }""", "object.definition.name", "must be a language map")]
    [InlineData("""{ "name": { "en_US": "Engines" } }""", "object.definition.name.en_US", "is not an RFC 5646 language tag")]
    [InlineData("""{ "name": { "en-US": 5 } }""", "object.definition.name.en-US", "a language map value must be a string")]
    [InlineData("""{ "description": { "a12345": "x" } }""", "object.definition.description.a12345", "RFC 5646")]
    [InlineData("""{ "type": "course" }""", "object.definition.type", "absolute IRI")]
    [InlineData("""{ "moreInfo": "www.example.com/info" }""", "object.definition.moreInfo", "must be an IRL")]
    [InlineData("""{ "moreInfo": 1 }""", "object.definition.moreInfo", "must be a string")]
    [InlineData("""{ "extensions": { "difficulty": 3 } }""", "object.definition.extensions.difficulty", "extension key must be an absolute IRI")]
    [InlineData("""{ "extensions": [] }""", "object.definition.extensions", "must be an object whose keys are IRIs")]
    [InlineData("""{ "interactionType": "multiple-choice" }""", "object.definition.interactionType", "must be one of true-false, choice")]
    [InlineData("""{ "interactionType": "Choice" }""", "object.definition.interactionType", "must be one of")]
    [InlineData("""{ "interactionType": "choice", "correctResponsesPattern": "a" }""", "object.definition.correctResponsesPattern", "must be an array of strings")]
    [InlineData("""{ "interactionType": "choice", "correctResponsesPattern": ["a", 1] }""", "object.definition.correctResponsesPattern[1]", "must be a string")]
    [InlineData("""{ "interactionType": "choice", "choices": { "id": "a" } }""", "object.definition.choices", "must be an array of interaction components")]
    [InlineData("""{ "interactionType": "choice", "choices": ["a"] }""", "object.definition.choices[0]", "an interaction component must be an object")]
    [InlineData("""{ "interactionType": "choice", "choices": [{ "description": { "en": "A" } }] }""", "object.definition.choices[0].id", "is required")]
    [InlineData("""{ "interactionType": "choice", "choices": [{ "id": 1 }] }""", "object.definition.choices[0].id", "must be a string")]
    [InlineData("""{ "interactionType": "choice", "choices": [{ "id": "a", "name": "A" }] }""", "object.definition.choices[0].name", "not an allowed property")]
    [InlineData("""{ "interactionType": "choice", "choices": [{ "id": "a" }, { "id": "a" }] }""", "object.definition.choices[1].id", "must be distinct within a list")]
    [InlineData("""{ "interactionType": "likert", "scale": [{ "id": "1", "description": { "xx_YY": "one" } }] }""", "object.definition.scale[0].description.xx_YY", "RFC 5646")]
    [InlineData("""{ "interactionType": "matching", "source": [{ "id": "a" }], "target": [{ "id": "1" }, { "id": "2" }, { "id": "1" }] }""", "object.definition.target[2].id", "distinct")]
    [InlineData("""{ "interactionType": "performance", "steps": [{ "id": "s", "description": "step" }] }""", "object.definition.steps[0].description", "must be a language map")]
    public void Malformed_definitions_are_rejected_at_the_failing_property(string definition, string path, string rule) =>
        AssertRejected(WithDefinition(definition), path, rule);

    [Theory]
    [InlineData("correctResponsesPattern", """["a"]""")]
    [InlineData("choices", """[{ "id": "a" }]""")]
    [InlineData("scale", """[{ "id": "1" }]""")]
    [InlineData("source", """[{ "id": "a" }]""")]
    [InlineData("target", """[{ "id": "1" }]""")]
    [InlineData("steps", """[{ "id": "s" }]""")]
    public void Interaction_properties_require_an_interaction_type(string property, string value) =>
        AssertRejected(
            WithDefinition($$"""{ "{{property}}": {{value}} }"""),
            "object.definition.interactionType",
            "is required when " + property + " is used");

    [Theory]
    [InlineData("true-false")]
    [InlineData("choice")]
    [InlineData("fill-in")]
    [InlineData("long-fill-in")]
    [InlineData("matching")]
    [InlineData("performance")]
    [InlineData("sequencing")]
    [InlineData("likert")]
    [InlineData("numeric")]
    [InlineData("other")]
    public void Every_interaction_type_of_the_spec_is_valid(string type) =>
        Accepts(WithDefinition($$"""{ "type": "http://adlnet.gov/expapi/activities/cmi.interaction", "interactionType": "{{type}}" }"""));

    [Fact]
    public void Component_ids_need_only_be_distinct_within_their_own_list() =>
        Accepts(WithDefinition("""
            { "interactionType": "matching",
              "source": [{ "id": "1" }, { "id": "2" }],
              "target": [{ "id": "1" }, { "id": "2" }],
              "correctResponsesPattern": ["1[.]1[,]2[.]2"] }
            """));

    [Fact]
    public void An_empty_correct_responses_pattern_is_valid() =>
        Accepts(WithDefinition("""{ "interactionType": "fill-in", "correctResponsesPattern": [] }"""));

    [Fact]
    public void A_definition_inside_a_context_activity_is_validated_with_its_path() =>
        AssertRejected(
            With("substatement", "object.context.contextActivities.parent", "definition", new JObject { ["type"] = "lesson" }),
            "object.context.contextActivities.parent.definition.type",
            "absolute IRI");
}
