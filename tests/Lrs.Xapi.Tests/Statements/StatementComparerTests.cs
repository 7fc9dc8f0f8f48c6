using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Statements;

public class StatementComparerTests
{
    private static JObject Full(Action<JObject>? change = null) => Fixture.Statement("full", change ?? (_ => { }));

    private static void AssertEqual(JObject a, JObject b)
    {
        Assert.True(StatementComparer.AreEqual(a, b));
        Assert.True(StatementComparer.AreEqual(b, a));
    }

    private static void AssertDifferent(JObject a, JObject b)
    {
        Assert.False(StatementComparer.AreEqual(a, b));
        Assert.False(StatementComparer.AreEqual(b, a));
    }

    [Fact]
    public void A_statement_equals_itself_and_a_copy() => AssertEqual(Full(), Full());

    [Theory]
    [InlineData("id", "\"00000000-0000-4000-8000-000000000001\"")]
    [InlineData("stored", "\"2030-01-01T00:00:00.000Z\"")]
    [InlineData("authority", """{ "objectType": "Agent", "mbox": "mailto:lrs@example.com" }""")]
    [InlineData("version", "\"1.0.3\"")]
    [InlineData("attachments", "[]")]
    public void What_the_LRS_sets_or_keeps_apart_is_ignored(string property, string value)
    {
        AssertEqual(Full(), Full(s => s[property] = Fixture.Token(value)));
        AssertEqual(Full(), Full(s => s.Remove(property)));
    }

    [Fact]
    public void A_null_timestamp_equals_no_timestamp() =>
        AssertEqual(Full(s => s.Remove("timestamp")), Full(s => s["timestamp"] = JValue.CreateNull()));

    [Fact]
    public void Timestamps_are_compared_as_instants()
    {
        // 09:30:00.123 at +01:00 is 08:30:00.123 UTC.
        AssertEqual(Full(), Full(s => s["timestamp"] = "2024-03-15T08:30:00.1230Z"));
        AssertEqual(Full(), Full(s => s["timestamp"] = "20240315T043000.123-0400"));
        AssertDifferent(Full(), Full(s => s["timestamp"] = "2024-03-15T09:30:00.123Z"));
    }

    [Fact]
    public void A_timestamp_present_on_one_side_only_is_a_difference() =>
        AssertDifferent(Full(), Full(s => s.Remove("timestamp")));

    [Fact]
    public void Sub_statement_timestamps_are_compared_as_instants()
    {
        var a = Fixture.Statement("substatement");
        var b = Fixture.Statement("substatement", s => s["object"]!["timestamp"] = "2024-06-01T11:00:00+02:00");

        AssertEqual(a, b);
    }

    [Fact]
    public void Durations_are_compared_to_hundredths_of_a_second()
    {
        AssertEqual(Full(), Full(s => s["result"]!["duration"] = "PT1M30.259S"));
        AssertEqual(Full(s => s["result"]!["duration"] = "P1DT12H36M0.1237S"), Full(s => s["result"]!["duration"] = "P1DT12H36M0.12S"));
        AssertDifferent(Full(), Full(s => s["result"]!["duration"] = "PT1M30.26S"));
    }

    [Fact]
    public void Durations_are_otherwise_compared_as_strings()
    {
        // xAPI 1.0.3 section 2.3.1: the result duration is a string for comparison; units are not converted.
        AssertDifferent(Full(s => s["result"]!["duration"] = "PT90S"), Full(s => s["result"]!["duration"] = "PT1M30S"));
        AssertDifferent(Full(s => s["result"]!["duration"] = "PT1.5S"), Full(s => s["result"]!["duration"] = "PT1.50S"));
    }

    [Fact]
    public void A_single_context_activity_equals_a_one_element_array()
    {
        var single = Full();
        var array = Full(s => s["context"]!["contextActivities"]!["grouping"] = new JArray(s["context"]!["contextActivities"]!["grouping"]!));

        AssertEqual(single, array);
    }

    [Fact]
    public void A_single_context_activity_inside_a_sub_statement_equals_a_one_element_array()
    {
        var a = Fixture.Statement("substatement");
        var b = Fixture.Statement("substatement", s =>
        {
            var ca = s["object"]!["context"]!["contextActivities"]!;
            ca["parent"] = new JArray(ca["parent"]!);
        });

        AssertEqual(a, b);
    }

    [Fact]
    public void Context_activity_arrays_keep_their_order() =>
        AssertDifferent(
            Full(s => s["context"]!["contextActivities"]!["other"] = Fixture.Token("""[{ "id": "https://a.example.com" }, { "id": "https://b.example.com" }]""")),
            Full(s => s["context"]!["contextActivities"]!["other"] = Fixture.Token("""[{ "id": "https://b.example.com" }, { "id": "https://a.example.com" }]""")));

    [Fact]
    public void The_order_of_group_members_is_ignored()
    {
        var a = Fixture.Statement("group-actor");
        var b = Fixture.Statement("group-actor", s => s["actor"]!["member"] = new JArray(((JArray)s["actor"]!["member"]!).Reverse()));

        AssertEqual(a, b);
    }

    [Fact]
    public void The_order_of_team_members_is_ignored() =>
        AssertEqual(Full(), Full(s => s["context"]!["team"]!["member"] = new JArray(((JArray)s["context"]!["team"]!["member"]!).Reverse())));

    [Fact]
    public void A_different_member_is_a_difference() =>
        AssertDifferent(
            Fixture.Statement("group-actor"),
            Fixture.Statement("group-actor", s => s["actor"]!["member"]![0]!["mbox"] = "mailto:someone-else@example.com"));

    [Fact]
    public void The_case_of_the_mailto_scheme_is_ignored()
    {
        var a = Fixture.Statement("simple");
        var b = Fixture.Statement("simple", s => s["actor"]!["mbox"] = "MailTo:ada@example.com");

        AssertEqual(a, b);
    }

    [Fact]
    public void The_case_of_the_mail_domain_is_ignored()
    {
        // xAPI 1.0.3 section 2.3.1: "the domain portion of an e-mail address is case insensitive".
        var a = Fixture.Statement("simple");
        var b = Fixture.Statement("simple", s => s["actor"]!["mbox"] = "mailto:ada@Example.COM");

        AssertEqual(a, b);
    }

    [Fact]
    public void The_case_of_the_mail_local_part_is_a_difference()
    {
        var a = Fixture.Statement("simple");
        var b = Fixture.Statement("simple", s => s["actor"]!["mbox"] = "mailto:Ada@example.com");

        AssertDifferent(a, b);
    }

    [Fact]
    public void The_case_of_an_mbox_sha1sum_is_ignored()
    {
        var a = Full(s => s["context"]!["instructor"]!["mbox_sha1sum"] = "C1A0E8A4F4C4F0D3C3F1D1A2B5E6F7A8B9C0D1E2");

        AssertEqual(Full(), a);
    }

    [Fact]
    public void Members_are_compared_in_normal_form_whatever_their_order_and_case()
    {
        var a = Fixture.Statement("simple", s => s["actor"] = Fixture.Obj("""
            { "objectType": "Group", "member": [{ "mbox": "MAILTO:b@example.com" }, { "mbox": "mailto:a@example.com" }] }
            """));
        var b = Fixture.Statement("simple", s => s["actor"] = Fixture.Obj("""
            { "objectType": "Group", "member": [{ "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" }] }
            """));

        AssertEqual(a, b);
    }

    [Fact]
    public void Property_order_is_ignored()
    {
        var a = Fixture.Statement("simple");
        var b = new JObject(a.Properties().Reverse().Select(p => new JProperty(p.Name, p.Value.DeepClone())));

        AssertEqual(a, b);
    }

    [Theory]
    [InlineData("verb.id", "http://adlnet.gov/expapi/verbs/failed")]
    [InlineData("object.id", "https://lms.example.com/quizzes/compilers/q2")]
    [InlineData("result.response", "backus")]
    [InlineData("context.registration", "0b3c5d7e-9f1a-4b2c-8d3e-5f6a7b8c9d0f")]
    [InlineData("verb.display.en-US", "Answered")]
    [InlineData("object.definition.type", "HTTP://adlnet.gov/expapi/activities/cmi.interaction")]
    public void Any_other_difference_makes_statements_different(string path, string value)
    {
        var b = Full(s =>
        {
            var dot = path.LastIndexOf('.');
            s.SelectToken(path[..dot])![path[(dot + 1)..]] = value;
        });

        AssertDifferent(Full(), b);
    }

    [Fact]
    public void Extensions_are_compared_as_sent()
    {
        var a = Full(s => s["context"]!["extensions"]!["https://example.com/ext/when"] = new JObject { ["timestamp"] = "2024-03-15T08:30:00Z" });
        var b = Full(s => s["context"]!["extensions"]!["https://example.com/ext/when"] = new JObject { ["timestamp"] = "2024-03-15T09:30:00+01:00" });

        AssertDifferent(a, b);
    }

    [Fact]
    public void Normalising_leaves_the_statement_unchanged()
    {
        var s = Full();
        var before = s.ToString();

        var normal = StatementComparer.Normalise(s);

        Assert.Equal(before, s.ToString());
        Assert.Null(normal["id"]);
        Assert.Null(normal["attachments"]);
        Assert.IsType<JArray>(normal["context"]!["contextActivities"]!["grouping"]);
    }
}
