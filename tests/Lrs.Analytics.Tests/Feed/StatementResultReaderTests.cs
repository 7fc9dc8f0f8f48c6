using System.Text;
using Lrs.Analytics.Feed;
using Lrs.Xapi.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Feed;

/// <summary>A StatementResult read one statement at a time hands over what parsing it whole would have.</summary>
public sealed class StatementResultReaderTests
{
    private const string First = """{"id":"00000000-0000-4000-8000-000000000001","actor":{"mbox":"mailto:ann@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/commented"},"object":{"id":"http://forum/1"},"result":{"score":{"scaled":1.0,"raw":7}},"stored":"2026-01-05T00:00:00.000Z","timestamp":"2026-01-05T01:00:00.123+01:00"}""";
    private const string Second = """{"id":"00000000-0000-4000-8000-000000000002","actor":{"mbox":"mailto:bo@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/asked"},"object":{"id":"http://forum/2","definition":{"name":{"en-US":"Why?"}}},"stored":"2026-01-05T00:00:01.000Z"}""";

    [Fact]
    public void Statements_come_in_order_and_each_serialises_as_the_lrs_sent_it()
    {
        var read = new List<string>();
        var more = Read($$"""{"statements":[{{First}},{{Second}}],"more":"/xapi/statements?more=abc"}""", read);
        Assert.Equal("/xapi/statements?more=abc", more);

        // As the whole body parsed by XapiJson gives them: dates stay strings, 1.0 stays 1.0.
        var whole = ((JArray)XapiJson.Parse($$"""[{{First}},{{Second}}]""")).Select(XapiJson.Serialize).ToList();
        Assert.Equal(whole, read);
        Assert.Equal(First, read[0]);
    }

    [Fact]
    public void More_may_come_before_the_statements_and_other_properties_are_skipped()
    {
        var read = new List<string>();
        var more = Read($$"""{"more":"/next","extra":{"a":[1,2,{"b":null}]},"statements":[{{First}}]}""", read);
        Assert.Equal("/next", more);
        Assert.Equal([First], read);
    }

    [Theory]
    [InlineData("""{"statements":[],"more":""}""")]
    [InlineData("""{"statements":[]}""")]
    [InlineData("""{"statements":[],"more":null}""")]
    public void An_empty_or_absent_more_is_null(string body)
    {
        var read = new List<string>();
        Assert.Null(Read(body, read));
        Assert.Empty(read);
    }

    [Fact]
    public void Elements_that_are_not_objects_are_skipped()
    {
        var read = new List<string>();
        Read($$"""{"statements":[1,"x",[{}],null,{{Second}}]}""", read);
        Assert.Equal([Second], read);
    }

    [Theory]
    [InlineData("""[{"id":"x"}]""")]
    [InlineData("""{"statements":[{"id":"x"}""")]
    [InlineData("""{"statements":[{"id":"x"}],""")]
    [InlineData("""{"statements":[{"id":"x","id":"y"}]}""")]
    public void A_body_that_is_not_a_whole_statement_result_or_names_a_property_twice_is_refused(string body)
    {
        Assert.ThrowsAny<JsonException>(() => Read(body, []));
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var read = new List<string>();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($$"""{"statements":[{{First}}]}""")).ToArray();
        StatementResultReader.Read(new MemoryStream(bytes), s => read.Add(XapiJson.Serialize(s)));
        Assert.Equal([First], read);
    }

    private static string? Read(string body, List<string> read) =>
        StatementResultReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(body)), s => read.Add(XapiJson.Serialize(s)));
}
