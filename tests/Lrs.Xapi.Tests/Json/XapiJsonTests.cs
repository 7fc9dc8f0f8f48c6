using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Json;

public class XapiJsonTests
{
    private static ValidationException Refuse(string json) => Assert.Throws<ValidationException>(() => XapiJson.Parse(json));

    [Fact]
    public void A_statement_parses_into_its_properties()
    {
        var token = XapiJson.Parse("""{ "actor": { "mbox": "mailto:a@example.com" }, "verb": { "id": "https://example.com/v" } }""");

        var o = Assert.IsType<JObject>(token);
        Assert.Equal("mailto:a@example.com", (string?)o["actor"]!["mbox"]);
        Assert.Equal(["actor", "verb"], o.Properties().Select(p => p.Name));
    }

    [Theory]
    [InlineData("2024-01-31T13:45:00.1234567891+01:00")]
    [InlineData("2024-01-31T13:45:00Z")]
    [InlineData("2024-01-31")]
    [InlineData("20240131T134500-0500")]
    public void Timestamps_stay_strings_exactly_as_sent(string timestamp)
    {
        var json = $$"""{"timestamp":"{{timestamp}}"}""";

        var token = XapiJson.Parse(json);

        Assert.Equal(JTokenType.String, token["timestamp"]!.Type);
        Assert.Equal(timestamp, (string?)token["timestamp"]);
        Assert.Equal(json, XapiJson.Serialize(token));
    }

    [Fact]
    public void Serialising_is_compact_and_keeps_property_order_and_numbers()
    {
        const string json = """{"b":1,"a":[true,null,1.5,"x"],"c":{"d":-0.25,"e":12345678901234}}""";

        Assert.Equal(json, XapiJson.Serialize(XapiJson.Parse("  {\n \"b\" : 1, \"a\": [ true, null, 1.5, \"x\" ],\n \"c\": {\"d\": -0.25, \"e\": 12345678901234} }\n")));
    }

    [Fact]
    public void A_duplicate_property_is_refused_with_its_path()
    {
        var e = Refuse("""{ "actor": { "mbox": "mailto:a@example.com", "mbox": "mailto:b@example.com" } }""");

        Assert.Equal("actor.mbox", e.Path);
        Assert.Contains("duplicate property", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_top_level_property_is_refused()
    {
        var e = Refuse("""{ "id": "a", "verb": {}, "id": "b" }""");

        Assert.Equal("id", e.Path);
        Assert.Contains("must not name a property twice", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_in_different_objects_is_not_a_duplicate()
    {
        var token = XapiJson.Parse("""[{ "id": "a" }, { "id": "b" }]""");

        Assert.Equal(2, ((JArray)token).Count);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{ "a": }""")]
    [InlineData("""{ "a": 1, }x""")]
    [InlineData("""[1, 2""")]
    [InlineData("""{ "a": tru }""")]
    [InlineData("""{ "a": "unterminated }""")]
    [InlineData("")]
    [InlineData("   ")]
    public void Malformed_JSON_is_refused_and_says_so(string json)
    {
        var e = Refuse(json);

        Assert.StartsWith("malformed JSON (", e.Rule, StringComparison.Ordinal);
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void The_malformed_JSON_rule_keeps_only_the_first_sentence_of_the_parser_message()
    {
        var e = Refuse("""{ "a": tru }""");

        Assert.DoesNotContain(". ", e.Rule, StringComparison.Ordinal);
        Assert.EndsWith(")", e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}{}")]
    [InlineData("""{ "a": 1 } { "b": 2 }""")]
    [InlineData("[] []")]
    [InlineData("1 2")]
    [InlineData("{ \"a\": 1 } x")]
    public void Content_after_the_value_is_refused_as_malformed(string json) =>
        Assert.StartsWith("malformed JSON", Refuse(json).Rule, StringComparison.Ordinal);

    [Theory]
    [InlineData("{} /* a comment */ {}")]
    [InlineData("{} // a comment\n []")]
    public void A_second_value_after_a_comment_is_refused(string json) =>
        Assert.StartsWith("malformed JSON (Additional text", Refuse(json).Rule, StringComparison.Ordinal);

    [Fact]
    public void Whitespace_and_comments_around_the_value_are_allowed()
    {
        var token = XapiJson.Parse("/* leading */ \n { \"a\": 1 } // trailing\n  ");

        Assert.Equal(1, (int)token["a"]!);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        var deep = new string('[', 70) + new string(']', 70);

        Assert.StartsWith("malformed JSON", Refuse(deep).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_of_60_levels_is_read()
    {
        var json = new string('[', 60) + new string(']', 60);

        Assert.IsType<JArray>(XapiJson.Parse(json));
    }

    [Theory]
    [InlineData("""{ "raw": NaN }""")]
    [InlineData("""{ "raw": Infinity }""")]
    [InlineData("""{ "raw": -Infinity }""")]
    public void NaN_and_Infinity_are_not_JSON_and_are_refused(string json)
    {
        var e = Refuse(json);

        Assert.Equal("raw", e.Path);
        Assert.Contains("finite", e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "score": { "raw": 1e400 } }""")]
    [InlineData("""{ "score": { "raw": -1e400 } }""")]
    public void Numbers_beyond_a_double_are_refused_rather_than_stored_as_infinity(string json)
    {
        var e = Refuse(json);

        Assert.Equal("score.raw", e.Path);
        Assert.Contains("within the range of a double", e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ 'a': 1 }", "a")]
    [InlineData("""{ "a": 'b' }""", "a")]
    [InlineData("{ a: 1 }", "a")]
    public void Single_quotes_and_unquoted_names_are_not_JSON_and_are_refused(string json, string path)
    {
        var e = Refuse(json);

        Assert.Equal(path, e.Path);
        Assert.Contains("double quotes", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_integers_and_small_floats_are_read()
    {
        var token = XapiJson.Parse("""{ "big": 123456789012345678901234567890, "small": 1e-300, "max": 1.7976931348623157e308 }""");

        Assert.Equal(JTokenType.Integer, token["big"]!.Type);
        Assert.Equal(1e-300, (double)token["small"]!);
        Assert.Equal(double.MaxValue, (double)token["max"]!);
    }

    [Fact]
    public void UTF_8_bytes_parse_like_the_same_text()
    {
        var bytes = Encoding.UTF8.GetBytes("""{ "display": { "fr-FR": "a répondu", "ja": "答えた" } }""");

        var token = XapiJson.Parse(bytes);

        Assert.Equal("a répondu", (string?)token["display"]!["fr-FR"]);
        Assert.Equal("答えた", (string?)token["display"]!["ja"]);
    }

    [Fact]
    public void A_byte_order_mark_before_UTF8_bytes_is_ignored()
    {
        // RFC 8259 section 8.1: senders must not add one, but a parser may ignore it; some .NET clients send one.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{ "a": 1 }""")).ToArray();

        var token = XapiJson.Parse(bytes);

        Assert.Equal(1, (int)token["a"]!);
    }

    [Fact]
    public void A_text_reader_parses_the_same_way()
    {
        using var reader = new StringReader("""{ "id": "x", "id": "y" }""");

        Assert.Throws<ValidationException>(() => XapiJson.Parse(reader));
    }

    [Fact]
    public void Strings_with_escapes_are_unescaped_and_written_back_escaped_only_where_needed()
    {
        var token = XapiJson.Parse("""{ "s": "line\nbreak \"quoted\" \u00e9" }""");

        Assert.Equal("line\nbreak \"quoted\" é", (string?)token["s"]);
        Assert.Equal("""{"s":"line\nbreak \"quoted\" é"}""", XapiJson.Serialize(token));
    }
    [Fact]
    public void Serialising_writes_what_Json_NET_writes_call_after_call_and_for_a_statement_past_the_kept_builder()
    {
        var big = new JObject { ["id"] = "x", ["result"] = new JObject { ["response"] = new string('r', 100_000) } };
        var tokens = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
            .Select(f => XapiJson.Parse(File.ReadAllText(f)))
            .Append(big)
            .Append(XapiJson.Parse("""{"s":"\u0000\t\u2028 é 🎓","n":[0.1,-5e-7,1e300]}"""))
            .ToList();

        foreach (var token in tokens.Concat(tokens))
        {
            Assert.Equal(token.ToString(Newtonsoft.Json.Formatting.None), XapiJson.Serialize(token));
            Assert.Equal(Encoding.UTF8.GetBytes(token.ToString(Newtonsoft.Json.Formatting.None)), XapiJson.SerializeUtf8(token));
        }
    }

    [Fact]
    public void Property_names_read_again_are_the_same_string()
    {
        var first = (JObject)XapiJson.Parse("""{"actor":{"mbox":"mailto:a@example.org"},"https://example.org/ext":1}""");
        var second = (JObject)XapiJson.Parse(Encoding.UTF8.GetBytes("""{"actor":{"mbox":"mailto:b@example.org"},"https://example.org/ext":2}"""));

        Assert.Same(first.Properties().First().Name, second.Properties().First().Name);
        Assert.Same(((JObject)first["actor"]!).Properties().Single().Name, ((JObject)second["actor"]!).Properties().Single().Name);
        Assert.Same(first.Properties().Last().Name, second.Properties().Last().Name);
    }

    [Fact]
    public void A_shaped_parse_keeps_exactly_the_parts_its_shape_names()
    {
        const string json = """
            {"id":"x","result":{"score":{"raw":1}},"actor":{"name":"n","mbox":"mailto:a@example.org","extra":{"deep":[1,2]}},
             /* a comment */ "context":{"extensions":{"https://example.org/a":{"nested":true},"https://example.org/b":[1]},
             "contextActivities":{"parent":[{"id":"p1","definition":{"type":"t","description":{"en":"d"}}},7],
             "grouping":{"id":"g1","definition":{"name":{"en":"G"}}}},"registration":"r"},"timestamp":"2024-01-01T00:00:00Z"}
            """;
        var activity = JsonShape.Of("id").With(("definition", JsonShape.Of("type", "name")));
        var shape = JsonShape.Of("id", "timestamp").With(
            ("actor", JsonShape.Of("name", "mbox")),
            ("context", JsonShape.Of().With(
                ("extensions", JsonShape.Names),
                ("contextActivities", JsonShape.Of().With(("parent", activity), ("grouping", activity))))));

        var parsed = XapiJson.ParseShaped(json, shape);

        var expected = XapiJson.Parse("""
            {"id":"x","actor":{"name":"n","mbox":"mailto:a@example.org"},
             "context":{"extensions":{"https://example.org/a":null,"https://example.org/b":null},
             "contextActivities":{"parent":[{"id":"p1","definition":{"type":"t"}},7],"grouping":{"id":"g1","definition":{"name":{"en":"G"}}}}},
             "timestamp":"2024-01-01T00:00:00Z"}
            """);
        Assert.True(JToken.DeepEquals(expected, parsed), parsed.ToString());
    }

    [Theory]
    [InlineData("""{"id":"x","id":"y"}""", "duplicate property")]
    [InlineData("""{"actor":{"name":"a","name":"b"}}""", "duplicate property")]
    [InlineData("""{"actor":{"account":{"name":"a","name":"b"}}}""", "duplicate property")]
    [InlineData("""{"context":{"extensions":{"e":1,"e":2}}}""", "duplicate property")]
    [InlineData("""[{"id":"x"}]""", "must be a JSON object")]
    [InlineData("""{"id":"x","result":{"open":[}""", "malformed JSON")]
    [InlineData("""{"id":"x"} {"id":"y"}""", "malformed JSON")]
    [InlineData("""{"id":"x",""", "malformed JSON")]
    [InlineData("""{"context":{"extensions":[1,""", "malformed JSON")]
    public void A_shaped_parse_still_refuses_what_parsing_refuses_in_the_parts_it_keeps_and_malformed_JSON_anywhere(string json, string rule)
    {
        var shape = JsonShape.Of("id").With(("actor", JsonShape.Of("name", "account")), ("context", JsonShape.Of().With(("extensions", JsonShape.Names))));

        var e = Assert.Throws<ValidationException>(() => XapiJson.ParseShaped(json, shape));

        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }
}
