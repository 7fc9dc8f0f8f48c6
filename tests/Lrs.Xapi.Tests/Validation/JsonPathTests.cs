using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public class JsonPathTests
{
    [Fact]
    public void Names_are_joined_with_dots_and_indexes_in_brackets()
    {
        var path = new JsonPath();
        path.Push("context");
        path.Push("contextActivities");
        path.Push("parent");
        path.Push(0);

        Assert.Equal("context.contextActivities.parent[0].id", path.With("id"));
        Assert.Equal("context.contextActivities.parent[0]", path.ToString());
    }

    [Fact]
    public void A_batch_root_prefixes_the_path_without_a_dot()
    {
        var path = new JsonPath("[3]");
        path.Push("actor");

        Assert.Equal("[3].actor.mbox", path.With("mbox"));
    }

    [Fact]
    public void Popping_returns_to_the_enclosing_object()
    {
        var path = new JsonPath();
        path.Push("object");
        path.Push("definition");
        path.Pop();

        Assert.Equal("object.id", path.With("id"));
    }

    [Fact]
    public void An_empty_path_names_only_the_last_segment_or_nothing()
    {
        var path = new JsonPath();

        Assert.Equal("actor", path.With("actor"));
        Assert.Equal("", path.ToString());
        Assert.Equal("", new JsonPath("").ToString());
    }

    [Fact]
    public void An_index_at_the_root_has_no_leading_dot()
    {
        var path = new JsonPath();
        path.Push(2);
        path.Push("verb");

        Assert.Equal("[2].verb.id", path.With("id"));
    }

    [Fact]
    public void A_last_segment_written_as_an_index_gets_no_dot()
    {
        var path = new JsonPath();
        path.Push("object");
        path.Push("definition");
        path.Push("correctResponsesPattern");

        Assert.Equal("object.definition.correctResponsesPattern[1]", path.With("[1]"));
    }
}
