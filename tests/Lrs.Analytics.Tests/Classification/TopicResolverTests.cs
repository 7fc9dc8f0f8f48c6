using Lrs.Analytics.Classification;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Classification;

public sealed class TopicResolverTests
{
    private static string? Topic(Stmt s, AnalyticsRules? rules = null, Dictionary<string, JObject>? held = null) =>
        new TopicResolver(rules ?? AnalyticsRules.Default)
            .Resolve(StatementView.Parse(s.Build()).WithHeldDefinitions(id => ActivityRef.Held(id, held?.GetValueOrDefault(id))))?.Topic;

    [Fact]
    public void A_course_typed_object_is_the_topic() =>
        Assert.Equal("http://c/1", Topic(Stmt.By("ann").Did(Iri.Completed).OnActivity("http://c/1", Iri.Course)
            .Parent(Stmt.Activity("http://c/2", Iri.Course))));

    [Fact]
    public void Parent_comes_before_grouping_and_grouping_before_other()
    {
        var s = Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/page")
            .Other(Stmt.Activity("http://c/other", Iri.Course))
            .Grouping(Stmt.Activity("http://c/grouping", Iri.Cmi5Course))
            .Parent(Stmt.Activity("http://x/section"), Stmt.Activity("http://c/parent", Iri.Course));
        Assert.Equal("http://c/parent", Topic(s));
        s = Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/page")
            .Other(Stmt.Activity("http://c/other", Iri.Course))
            .Grouping(Stmt.Activity("http://c/grouping", Iri.Cmi5Course));
        Assert.Equal("http://c/grouping", Topic(s));
        Assert.Equal("http://c/other", Topic(Stmt.By("ann").Did(Iri.Experienced).Other(Stmt.Activity("http://c/other", Iri.Course))));
    }

    [Fact]
    public void Within_one_list_the_first_course_in_array_order_wins() =>
        Assert.Equal("http://c/a", Topic(Stmt.By("ann").Did(Iri.Experienced)
            .Grouping(Stmt.Activity("http://c/a", Iri.Course), Stmt.Activity("http://c/b", Iri.Course))));

    [Fact]
    public void Without_a_course_the_first_category_that_is_not_a_marker_is_the_topic() =>
        Assert.Equal("http://tags/safety", Topic(Stmt.By("ann").Did(Iri.Asked).OnActivity("http://forum/q", Iri.Question)
            .Category(Stmt.Activity(Iri.Cmi5Category), Stmt.Activity("http://tags/safety"), Stmt.Activity("http://tags/other"))));

    [Fact]
    public void A_statement_with_only_marker_categories_and_no_course_has_no_topic() =>
        Assert.Null(Topic(Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/au").Category(Stmt.Activity(Iri.ScormCategory))));

    [Fact]
    public void A_course_known_only_by_the_lrs_definition_is_found()
    {
        var held = new Dictionary<string, JObject> { ["http://c/1"] = new() { ["type"] = Iri.Cmi5Course } };
        var s = Stmt.By("ann").Did(Iri.Experienced).OnActivity("http://x/au").Grouping(Stmt.Activity("http://c/1"))
            .Category(Stmt.Activity("http://tags/t"));
        Assert.Equal("http://tags/t", Topic(s));
        Assert.Equal("http://c/1", Topic(s, held: held));
    }

    [Fact]
    public void Aliases_in_the_rules_map_several_courses_to_one_topic()
    {
        var rules = AnalyticsRules.Parse("""{"topics": {"aliases": {"http://c/v1": "http://topics/safety", "http://c/v2": "http://topics/safety"}}}""", null);
        Assert.Equal("http://topics/safety", Topic(Stmt.By("ann").Did(Iri.Completed).OnActivity("http://c/v1", Iri.Course), rules));
        Assert.Equal("http://topics/safety", Topic(Stmt.By("ann").Did(Iri.Completed).OnActivity("http://c/v2", Iri.Course), rules));
        Assert.Equal("http://c/v3", Topic(Stmt.By("ann").Did(Iri.Completed).OnActivity("http://c/v3", Iri.Course), rules));
    }
}
