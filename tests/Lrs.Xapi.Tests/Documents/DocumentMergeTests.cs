using System.Text;
using Lrs.Xapi.Documents;
using Lrs.Xapi.Errors;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Documents;

public class DocumentMergeTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static JObject Merged(string stored, string posted) =>
        Fixture.Obj(Encoding.UTF8.GetString(DocumentMerge.Merge(Utf8(stored), Utf8(posted))));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData(" application/json ;charset=UTF-8", true)]
    [InlineData("application/json-patch+json", false)]
    [InlineData("application/ld+json", false)]
    [InlineData("text/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_application_json_counts_as_JSON(string? contentType, bool expected) =>
        Assert.Equal(expected, DocumentMerge.IsJson(contentType));

    [Fact]
    public void Posted_properties_are_added_and_replace_stored_ones()
    {
        var merged = Merged("""{ "progress": 0.5, "bookmark": "page-3", "kept": true }""", """{ "progress": 0.75, "bookmark": null, "new": [1] }""");

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "progress": 0.75, "bookmark": null, "kept": true, "new": [1] }"""), merged));
    }

    [Fact]
    public void Nested_objects_are_replaced_not_merged()
    {
        var merged = Merged("""{ "settings": { "volume": 3, "speed": 1.5 } }""", """{ "settings": { "volume": 5 } }""");

        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "settings": { "volume": 5 } }"""), merged));
    }

    [Fact]
    public void Merging_an_empty_object_keeps_the_stored_document() =>
        Assert.True(JToken.DeepEquals(Fixture.Obj("""{ "a": 1 }"""), Merged("""{ "a": 1 }""", "{}")));

    [Fact]
    public void Dates_and_numbers_are_kept_as_written()
    {
        var bytes = DocumentMerge.Merge(Utf8("""{ "at": "2024-01-31T13:45:00.1234567891+01:00" }"""), Utf8("""{ "n": 1.50 }"""));

        Assert.Equal("""{"at":"2024-01-31T13:45:00.1234567891+01:00","n":1.5}""", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_posted_document_that_is_not_an_object_is_refused(string posted)
    {
        var e = Assert.Throws<BadRequestException>(() => DocumentMerge.Merge(Utf8("{}"), Utf8(posted)));

        Assert.Equal("the posted document must be a JSON object to be merged", e.Message);
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void A_stored_document_that_is_not_JSON_cannot_be_merged_into()
    {
        var e = Assert.Throws<BadRequestException>(() => DocumentMerge.Merge(Utf8("plain text"), Utf8("{}")));

        Assert.StartsWith("the stored document must be a JSON object to be merged: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_or_duplicate_JSON_is_refused_with_the_reason()
    {
        var malformed = Assert.Throws<BadRequestException>(() => DocumentMerge.ParseObject(Utf8("{ \"a\": "), "the posted document"));
        var duplicate = Assert.Throws<BadRequestException>(() => DocumentMerge.ParseObject(Utf8("""{ "a": 1, "a": 2 }"""), "the posted document"));

        Assert.Contains("malformed JSON", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate property", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_object_parses()
    {
        var o = DocumentMerge.ParseObject(Utf8("""{ "a": { "b": [true] } }"""), "the posted document");

        Assert.True((bool)o["a"]!["b"]![0]!);
    }
}
