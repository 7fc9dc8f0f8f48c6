using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    [Theory]
    [InlineData("full", "actor", "name")]
    [InlineData("full", "actor.account", "name")]
    [InlineData("full", "verb", "display")]
    [InlineData("full", "object", "definition")]
    [InlineData("full", "object.definition", "name")]
    [InlineData("full", "object.definition", "moreInfo")]
    [InlineData("full", "object.definition", "extensions")]
    [InlineData("full", "object.definition", "interactionType")]
    [InlineData("full", "object.definition.choices[0]", "description")]
    [InlineData("full", "result", "score")]
    [InlineData("full", "result.score", "raw")]
    [InlineData("full", "result", "success")]
    [InlineData("full", "result", "duration")]
    [InlineData("full", "result", "extensions")]
    [InlineData("full", "context", "registration")]
    [InlineData("full", "context", "instructor")]
    [InlineData("full", "context.team", "name")]
    [InlineData("full", "context.team.member[0]", "objectType")]
    [InlineData("full", "context.contextActivities", "parent")]
    [InlineData("full", "context", "language")]
    [InlineData("full", "context.statement", "objectType")]
    [InlineData("full", "attachments[0]", "fileUrl")]
    [InlineData("full", "attachments[0]", "description")]
    [InlineData("voiding", "object", "objectType")]
    [InlineData("substatement", "object", "result")]
    [InlineData("substatement", "object", "context")]
    [InlineData("substatement", "object.context", "instructor")]
    [InlineData("group-actor", "actor", "member")]
    public void Null_is_rejected_everywhere_outside_extensions(string fixture, string parent, string name)
    {
        var e = Reject(With(fixture, parent, name, null));

        Assert.Equal(parent + "." + name, e.Path);

        // objectType is read as a string before the object's properties are checked, so a null one reads "must be a string".
        Assert.Contains(e.Rule, (string[])["must not be null", "must be a string"]);
    }

    [Fact]
    public void Null_inside_a_2_0_context_agent_is_rejected() =>
        AssertRejected(
            With("context-agents-2.0", "context.contextAgents[0]", "relevantTypes", null),
            "context.contextAgents[0].relevantTypes",
            "must not be null",
            XapiVersion.V200);

    [Fact]
    public void A_null_language_map_value_is_rejected() =>
        AssertRejected(With("full", "verb.display", "de", null), "verb.display.de", "a language map value must be a string");

    [Theory]
    [InlineData("object.definition.extensions")]
    [InlineData("result.extensions")]
    [InlineData("context.extensions")]
    public void Extension_values_may_be_null_empty_or_anything(string extensions)
    {
        var s = Fixture.Statement("full");
        var map = (JObject)s.SelectToken(extensions)!;
        map["https://example.com/ext/null"] = JValue.CreateNull();
        map["https://example.com/ext/empty-string"] = "";
        map["https://example.com/ext/empty-object"] = new JObject();
        map["https://example.com/ext/nested"] = Fixture.Obj("""{ "a": null, "b": [null, 1, "x"], "not an iri": true }""");

        Accepts(s);
    }

    [Fact]
    public void Extension_values_inside_a_sub_statement_may_be_null()
    {
        var s = With("substatement", "object.result", "extensions", new JObject { ["https://example.com/ext/x"] = JValue.CreateNull() });

        Accepts(s);
    }

    [Theory]
    [InlineData("verb", "label")]
    [InlineData("object", "title")]
    [InlineData("object.definition", "title")]
    [InlineData("result", "grade")]
    [InlineData("result.score", "percent")]
    [InlineData("context", "session")]
    [InlineData("context.contextActivities", "sibling")]
    [InlineData("context.statement", "definition")]
    [InlineData("context.team", "id")]
    [InlineData("actor.account", "email")]
    [InlineData("attachments[0]", "filename")]
    public void Unknown_properties_are_rejected_wherever_they_appear(string parent, string name)
    {
        var e = Reject(With("full", parent, name, "surprise"));

        Assert.Equal(parent + "." + name, e.Path);
        Assert.Contains("is not an allowed property here (allowed: ", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_names_are_case_sensitive() =>
        AssertRejected(Fixture.Statement("simple", s =>
        {
            var verb = s["verb"]!;
            s.Remove("verb");
            s["Verb"] = verb;
        }), "Verb", "not a statement property");

    [Fact]
    public void A_language_map_must_be_an_object() =>
        AssertRejected(Simple("verb", "display", new JArray("completed")), "verb.display", "must be a language map");

    [Fact]
    public void An_empty_language_map_is_valid() => Accepts(Simple("verb", "display", new JObject()));

    [Fact]
    public void A_language_map_accepts_every_well_formed_tag()
    {
        var display = new JObject
        {
            ["en"] = "a", ["en-US"] = "b", ["zh-Hant-TW"] = "c", ["sgn-BE-FR"] = "d", ["x-private"] = "e", ["de-CH-1901"] = "f",
        };

        Accepts(Simple("verb", "display", display));
    }
}
