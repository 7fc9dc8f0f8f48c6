using Lrs.Xapi.Documents;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Xapi.Tests.Documents;

public class PreconditionsTests
{
    private const string Tag = "a9993e364706816aba3e25717850c26c9cd0d89d";

    private static readonly StoredDocument Current =
        new("state-1", "abc"u8.ToArray(), "application/json", Tag, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static void Holds(StoredDocument? current, string? ifMatch, string? ifNoneMatch) =>
        Assert.Null(Record.Exception(() => Preconditions.Check(current, ifMatch, ifNoneMatch)));

    private static PreconditionFailedException Fails(StoredDocument? current, string? ifMatch, string? ifNoneMatch)
    {
        var e = Assert.Throws<PreconditionFailedException>(() => Preconditions.Check(current, ifMatch, ifNoneMatch));
        Assert.Equal(412, e.StatusCode);
        return e;
    }

    [Fact]
    public void Without_preconditions_anything_goes()
    {
        Holds(Current, null, null);
        Holds(null, null, null);
    }

    [Theory]
    [InlineData("\"" + Tag + "\"")]
    [InlineData(" \"" + Tag + "\" ")]
    [InlineData(Tag)]
    [InlineData("\"0000\", \"" + Tag + "\"")]
    [InlineData("\"0000\",\"" + Tag + "\",\"1111\"")]
    [InlineData("*")]
    [InlineData(" * ")]
    public void If_Match_holds_for_the_current_tag_in_a_list_or_star(string ifMatch) => Holds(Current, ifMatch, null);

    [Fact]
    public void If_Match_accepts_a_weak_form_of_the_current_tag() => Holds(Current, "W/\"" + Tag + "\"", null);

    [Theory]
    [InlineData("\"0000\"")]
    [InlineData("\"0000\", \"1111\"")]
    [InlineData("\"A9993E364706816ABA3E25717850C26C9CD0D89D\"")]
    [InlineData("")]
    public void If_Match_fails_for_other_tags_and_names_the_current_one(string ifMatch)
    {
        var e = Fails(Current, ifMatch, null);

        Assert.Equal("If-Match: the document's ETag is \"" + Tag + "\", not one of " + ifMatch, e.Message);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"" + Tag + "\"")]
    public void If_Match_fails_when_there_is_no_document(string ifMatch) =>
        Assert.Equal("If-Match: the document does not exist", Fails(null, ifMatch, null).Message);

    [Theory]
    [InlineData("*")]
    [InlineData("\"" + Tag + "\"")]
    [InlineData("\"0000\", W/\"" + Tag + "\"")]
    public void If_None_Match_fails_when_the_document_exists_with_that_tag(string ifNoneMatch) =>
        Assert.Equal("If-None-Match: the document exists with ETag \"" + Tag + "\"", Fails(Current, null, ifNoneMatch).Message);

    [Theory]
    [InlineData("*")]
    [InlineData("\"" + Tag + "\"")]
    public void If_None_Match_holds_when_there_is_no_document(string ifNoneMatch) => Holds(null, null, ifNoneMatch);

    [Fact]
    public void If_None_Match_holds_for_another_tag() => Holds(Current, null, "\"0000\"");

    [Fact]
    public void Both_preconditions_must_hold()
    {
        Holds(Current, "\"" + Tag + "\"", "\"0000\"");
        Assert.StartsWith("If-None-Match", Fails(Current, "\"" + Tag + "\"", "*").Message, StringComparison.Ordinal);
        Assert.StartsWith("If-Match", Fails(Current, "\"0000\"", "*").Message, StringComparison.Ordinal);
    }
}
