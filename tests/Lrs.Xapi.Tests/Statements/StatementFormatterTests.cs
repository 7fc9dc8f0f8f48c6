using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Statements;

public class StatementFormatterTests
{
    [Theory]
    [InlineData("""{"id":"x","version":"2.0.0"}""", true)]
    [InlineData("""{"version":"2.0"}""", true)]
    [InlineData("""{"version":"1.0.0"}""", false)]
    [InlineData("""{"version": "2.0.0"}""", false)]
    [InlineData("""{"id":"x"}""", false)]
    public void The_text_pre_filter_looks_for_a_compact_2_x_version(string json, bool expected) =>
        Assert.Equal(expected, StatementFormatter.MayNeed103Form(json));

    [Theory]
    [InlineData("2.0.0", true)]
    [InlineData("2.0", true)]
    [InlineData("1.0.3", false)]
    [InlineData("1.0.0", false)]
    public void A_statement_is_2_x_by_its_version_property(string version, bool expected) =>
        Assert.Equal(expected, StatementFormatter.Is2x(new JObject { ["version"] = version }));

    [Fact]
    public void A_statement_without_a_version_is_not_2_x() => Assert.False(StatementFormatter.Is2x(new JObject()));

    [Fact]
    public void The_1_0_3_form_drops_context_agents_and_groups_and_relabels_the_version()
    {
        var s = Fixture.Statement("context-agents-2.0");

        StatementFormatter.To103(s);

        Assert.Equal("1.0.0", (string?)s["version"]);
        Assert.Null(s["context"]!["contextAgents"]);
        Assert.Null(s["context"]!["contextGroups"]);
        Assert.NotNull(s["context"]);
    }

    [Fact]
    public void The_1_0_3_form_writes_the_timestamp_in_UTC_with_milliseconds()
    {
        var s = Fixture.Statement("context-agents-2.0");

        StatementFormatter.To103(s);

        // "2024-05-02 14:00:00+02:00" is noon UTC.
        Assert.Equal("2024-05-02T12:00:00.000Z", (string?)s["timestamp"]);
    }

    [Fact]
    public void The_1_0_3_form_applies_inside_a_sub_statement()
    {
        var s = Fixture.Statement("substatement", x =>
        {
            x["version"] = "2.0.0";
            x["object"]!["timestamp"] = "2024-06-01 09:00:00-03:00";
            x["object"]!["context"]!["contextAgents"] = Fixture.Token("""[{ "objectType": "contextAgent", "agent": { "mbox": "mailto:x@example.com" } }]""");
        });

        StatementFormatter.To103(s);

        Assert.Equal("2024-06-01T12:00:00.000Z", (string?)s["object"]!["timestamp"]);
        Assert.Null(s["object"]!["context"]!["contextAgents"]);
        Assert.NotNull(s["object"]!["context"]!["instructor"]);
    }

    [Fact]
    public void The_1_0_3_form_leaves_stored_and_everything_else_alone()
    {
        var s = Fixture.Statement("full", x => x["stored"] = "2024-03-15T08:31:00.000Z");
        var expected = (JObject)s.DeepClone();
        expected["version"] = "1.0.0";
        expected["timestamp"] = "2024-03-15T08:30:00.123Z";

        StatementFormatter.To103(s);

        Assert.True(JToken.DeepEquals(expected, s), s.ToString());
    }

    [Fact]
    public void Ids_keep_only_the_identifier_of_an_agent()
    {
        var s = Fixture.Statement("simple");

        StatementFormatter.ToIds(s);

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "objectType": "Agent", "mbox": "mailto:ada@example.com" }"""), s["actor"]));
    }

    [Fact]
    public void Ids_keep_only_the_id_of_a_verb_and_of_an_activity()
    {
        var s = Fixture.Statement("full");

        StatementFormatter.ToIds(s);

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "id": "http://adlnet.gov/expapi/verbs/answered" }"""), s["verb"]));
        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "id": "https://lms.example.com/quizzes/compilers/q1" }"""), s["object"]));
    }

    [Fact]
    public void Ids_reduce_an_anonymous_group_to_its_members_identifiers()
    {
        var s = Fixture.Statement("group-actor");

        StatementFormatter.ToIds(s);

        var expected = Fixture.Obj("""
            { "objectType": "Group", "member": [
                { "mbox": "mailto:zoe@example.com" },
                { "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" },
                { "account": { "homePage": "https://lms.example.com", "name": "yann" } } ] }
            """);
        Assert.True(JToken.DeepEquals(expected, s["actor"]), s["actor"]!.ToString());
    }

    [Fact]
    public void Ids_reduce_an_identified_group_to_its_identifier_without_members()
    {
        var s = Fixture.Statement("group-actor", x => x["object"]!["member"] = Fixture.Token("""[{ "mbox": "mailto:m@example.com" }]"""));

        StatementFormatter.ToIds(s);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Group", "openid": "https://openid.example.com/groups/reviewers" }"""),
            s["object"]));
    }

    [Fact]
    public void Ids_reduce_the_context_agents_and_activities()
    {
        var s = Fixture.Statement("full");

        StatementFormatter.ToIds(s);

        var context = s["context"]!;
        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Agent", "mbox_sha1sum": "c1a0e8a4f4c4f0d3c3f1d1a2b5e6f7a8b9c0d1e2" }"""),
            context["instructor"]));
        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Group", "member": [{ "objectType": "Agent", "mbox": "mailto:grace@example.com" }, { "objectType": "Agent", "openid": "https://openid.example.com/kathleen" }] }"""),
            context["team"]));
        Assert.True(JToken.DeepEquals(
            Fixture.Token("""[{ "id": "https://lms.example.com/quizzes/compilers" }]"""),
            context["contextActivities"]!["parent"]));
        Assert.Equal("2", (string?)context["revision"]);
    }

    [Fact]
    public void Ids_reduce_2_0_context_agents_and_groups()
    {
        var s = Fixture.Statement("context-agents-2.0");

        StatementFormatter.ToIds(s);

        var context = s["context"]!;
        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Agent", "mbox": "mailto:helper@example.com" }"""),
            context["contextAgents"]![0]!["agent"]));
        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Group", "account": { "homePage": "https://hr.example.com", "name": "team-data" } }"""),
            context["contextGroups"]![0]!["group"]));
        Assert.Equal("https://forum.example.com/roles/original-poster", (string?)context["contextAgents"]![0]!["relevantTypes"]![0]);
    }

    [Fact]
    public void Ids_reduce_the_authority()
    {
        var s = Fixture.Statement("simple", x => x["authority"] = Fixture.Obj("""{ "objectType": "Agent", "name": "LRS key", "account": { "homePage": "https://lrs.example.com", "name": "k1" } }"""));

        StatementFormatter.ToIds(s);

        Assert.True(JToken.DeepEquals(
            Fixture.Obj("""{ "objectType": "Agent", "account": { "homePage": "https://lrs.example.com", "name": "k1" } }"""),
            s["authority"]));
    }

    [Fact]
    public void Ids_reduce_inside_a_sub_statement()
    {
        var s = Fixture.Statement("substatement");

        StatementFormatter.ToIds(s);

        var sub = s["object"]!;
        Assert.Equal("SubStatement", (string?)sub["objectType"]);
        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "id": "https://lms.example.com/sessions/onboarding" }"""), sub["object"]));
        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "id": "http://adlnet.gov/expapi/verbs/attended" }"""), sub["verb"]));
        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "mbox": "mailto:trainer@example.com" }"""), sub["context"]!["instructor"]));
    }

    [Fact]
    public void Ids_leave_a_statement_ref_and_the_result_alone()
    {
        var voiding = Fixture.Statement("voiding");
        var full = Fixture.Statement("full");
        var result = full["result"]!.DeepClone();

        StatementFormatter.ToIds(voiding);
        StatementFormatter.ToIds(full);

        Assert.True(JToken.DeepEquals(Fixture.Statement("voiding")["object"], voiding["object"]));
        Assert.True(JToken.DeepEquals(result, full["result"]));
        Assert.Equal("2024-03-15T09:30:00.123+01:00", (string?)full["timestamp"]);
    }

    private static JObject Display(params string[] languages)
    {
        var map = new JObject();
        foreach (var l in languages)
        {
            map[l] = "text in " + l;
        }

        return map;
    }

    public static TheoryData<string[], string> AcceptLanguageOrders => new()
    {
        { ["fr-FR", "en-US"], "fr-FR" },
        { ["en-US", "fr-FR"], "en-US" },
        { ["de", "fr-FR"], "de" },
        { ["EN-us"], "en-US" },
        { ["en-GB", "fr-FR"], "en-US" },
        { ["fr"], "fr-FR" },
        { ["de-AT"], "de" },
        { ["ja", "fr-FR"], "fr-FR" },
        { ["ja"], "en-US" },
        { [], "en-US" },
    };

    [Theory]
    [MemberData(nameof(AcceptLanguageOrders))]
    public void Canonical_keeps_the_entry_that_best_fits_the_reader_languages_in_order(string[] languages, string kept)
    {
        var s = Fixture.Statement("simple", x => x["verb"]!["display"] = Display("en-US", "fr-FR", "de"));

        StatementFormatter.ToCanonical(s, languages);

        var display = (JObject)s["verb"]!["display"]!;
        var only = Assert.Single(display.Properties());
        Assert.Equal(kept, only.Name);
        Assert.Equal("text in " + kept, (string?)only.Value);
    }

    [Fact]
    public void Canonical_reduces_every_language_map_of_the_statement()
    {
        var s = Fixture.Statement("full");

        StatementFormatter.ToCanonical(s, ["fr-FR"]);

        Assert.Equal(["fr-FR"], ((JObject)s["verb"]!["display"]!).Properties().Select(p => p.Name));
        Assert.Equal(["fr-FR"], ((JObject)s["object"]!["definition"]!["name"]!).Properties().Select(p => p.Name));
        Assert.Single(((JObject)s["object"]!["definition"]!["description"]!).Properties());
        Assert.Single(((JObject)s["object"]!["definition"]!["choices"]![1]!["description"]!).Properties());
        Assert.Single(((JObject)s["attachments"]![0]!["display"]!).Properties());
    }

    [Fact]
    public void Canonical_leaves_extensions_and_agent_names_alone()
    {
        var s = Fixture.Statement("full", x => x["context"]!["extensions"]!["https://example.com/ext/labels"] =
            Fixture.Obj("""{ "name": { "en": "a", "fr": "b" } }"""));

        StatementFormatter.ToCanonical(s, ["fr"]);

        Assert.Equal(2, ((JObject)s["context"]!["extensions"]!["https://example.com/ext/labels"]!["name"]!).Count);
        Assert.Equal("Grace Hopper", (string?)s["actor"]!["name"]);
        Assert.Equal("Compiler club", (string?)s["context"]!["team"]!["name"]);
    }

    [Fact]
    public void Canonical_leaves_an_empty_language_map_empty()
    {
        var s = Fixture.Statement("simple", x => x["verb"]!["display"] = new JObject());

        StatementFormatter.ToCanonical(s, ["en"]);

        Assert.Empty((JObject)s["verb"]!["display"]!);
    }
}
