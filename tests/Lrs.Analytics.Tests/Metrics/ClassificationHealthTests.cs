using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>The classification-health report: what fell into experiential by default, and what has no topic.</summary>
public sealed class ClassificationHealthTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Watched = "http://activitystrea.ms/schema/1.0/watch";
    private const string Video = "http://activitystrea.ms/schema/1.0/video";

    [Fact]
    public void Experiential_statements_are_counted_per_verb_and_per_object_activity_most_first()
    {
        using var h = new ProjectionHarness().With(
            On.Experiential("ann", "2026-01-05T09:00:00Z"),
            On.Experiential("bob", "2026-01-05T10:00:00Z"),
            Stmt.By("cat").Did(Watched).OnActivity("http://video.example.org/v1", Video).Grouping(On.Course()).At("2026-01-06T09:00:00Z"),
            On.Social("ann", "2026-01-06T10:00:00Z"),
            On.Completion("bob", "2026-01-07T10:00:00Z"));
        var counts = h.Queries.ClassificationHealth(Store);
        Assert.Equal((5L, 3L), (counts.Statements, counts.Experiential));
        Assert.Equal([(Iri.Read, 2L), (Watched, 1L)], counts.ExperientialVerbs.Select(v => (v.Verb, v.Statements)));
        Assert.Equal([("http://wiki.example.org/page", 2L), ("http://video.example.org/v1", 1L)], counts.ExperientialActivities.Select(a => (a.Activity, a.Statements)));
    }

    [Fact]
    public void Statements_without_a_topic_are_counted_per_verb_and_class()
    {
        using var h = new ProjectionHarness().With(
            Stmt.By("ann").Did(Iri.Read).OnActivity("http://wiki.example.org/loose", Iri.Article).At("2026-01-05T09:00:00Z"),
            Stmt.By("bob").Did(Iri.Read).OnActivity("http://wiki.example.org/loose", Iri.Article).At("2026-01-05T09:10:00Z"),
            Stmt.By("bob").Did(Iri.LoggedIn).OnActivity("http://lms.example.org", "http://id.tincanapi.com/activitytype/lms").At("2026-01-05T09:20:00Z"),
            On.Social("ann", "2026-01-06T10:00:00Z"));
        var counts = h.Queries.ClassificationHealth(Store);
        Assert.Equal(3, counts.WithoutTopic);
        Assert.Equal([(Iri.Read, "experiential", 2L), (Iri.LoggedIn, "system", 1L)], counts.WithoutTopicVerbs.Select(v => (v.Verb, v.Class, v.Statements)));
    }

    [Fact]
    public void The_date_range_keeps_statements_from_its_start_and_before_its_end()
    {
        using var h = new ProjectionHarness().With(
            On.Experiential("ann", "2026-01-04T23:59:59Z"),
            On.Experiential("ann", "2026-01-05T00:00:00Z"),
            On.Experiential("ann", "2026-01-11T23:59:59Z"),
            On.Experiential("ann", "2026-01-12T00:00:00Z"));
        var counts = h.Queries.ClassificationHealth(Store, new AnalyticsFilter(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 12, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal((2L, 2L), (counts.Statements, counts.Experiential));
    }

    [Fact]
    public void Activities_are_grouped_by_the_type_the_lrs_holds_with_untyped_ones_apart()
    {
        using var h = new ProjectionHarness().With(
            On.Experiential("ann", "2026-01-05T09:00:00Z"),
            Stmt.By("bob").Did(Watched).OnActivity("http://video.example.org/v1").Grouping(On.Course()).At("2026-01-06T09:00:00Z"),
            Stmt.By("bob").Did(Watched).OnActivity("http://video.example.org/v2").Grouping(On.Course()).At("2026-01-06T10:00:00Z"));
        var types = new Dictionary<string, string?>(StringComparer.Ordinal) { ["http://wiki.example.org/page"] = Iri.Article };
        var report = h.Queries.ClassificationHealth(Store).WithTypes(id => types.GetValueOrDefault(id));
        Assert.Equal(
            [((string?)null, 2L, 2L), (Iri.Article, 1L, 1L)],
            report.ExperientialActivityTypes.Select(t => (t.Type, t.Activities, t.Statements)));
        Assert.Equal(["http://video.example.org/v1", "http://video.example.org/v2"], report.ExperientialActivityTypes[0].Examples);
    }
}
