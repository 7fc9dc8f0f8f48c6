using System.Text.Json;
using Lrs.Analytics.Generator;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>Filters against the unfiltered figures on a generated organisation.</summary>
public sealed class FilterConsistencyTests
{
    private const string Store = ProjectionHarness.Store;
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_range_covering_every_statement_gives_the_unfiltered_figures_in_every_view()
    {
        using var h = new ProjectionHarness();
        h.Feed.Add(OrganisationGenerator.Generate(new GeneratorOptions { Seed = 11, Learners = 60, Courses = 2, Weeks = 10 }).ToArray());
        h.CatchUp(pageSize: 500);
        var all = new AnalyticsFilter(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var q = h.Queries;
        var topic = q.Topics(Store).Topics[0].Topic;
        var learner = q.Network(Store, topic)!.Nodes[0].Id;
        Assert.Equal(Json(q.Topics(Store)), Json(q.Topics(Store, all)));
        Assert.Equal(Json(q.Topic(Store, topic, AsOf)), Json(q.Topic(Store, topic, AsOf, all)));
        Assert.Equal(Json(q.Weekly(Store, null)), Json(q.Weekly(Store, null, all)));
        Assert.Equal(Json(q.Handoff(Store, topic, 4, 26)), Json(q.Handoff(Store, topic, 4, 26, all)));
        Assert.Equal(Json(q.Network(Store, topic)), Json(q.Network(Store, topic, all)));
        Assert.Equal(Json(q.Unanswered(Store, null, AsOf, 1000)), Json(q.Unanswered(Store, null, AsOf, 1000, all)));
        Assert.Equal(Json(q.Learner(Store, learner, null, 50)), Json(q.Learner(Store, learner, null, 50, all)));
    }

    [Fact]
    public void Splitting_the_period_at_any_instant_splits_every_count_of_statements_and_of_cohorts()
    {
        using var h = new ProjectionHarness();
        h.Feed.Add(OrganisationGenerator.Generate(new GeneratorOptions { Seed = 12, Learners = 60, Courses = 2, Weeks = 10 }).ToArray());
        h.CatchUp(pageSize: 500);
        var cut = new DateTime(2026, 2, 11, 13, 0, 0, DateTimeKind.Utc);
        var q = h.Queries;
        var topic = q.Topics(Store).Topics[0].Topic;
        var whole = q.Topic(Store, topic, AsOf)!;
        var before = q.Topic(Store, topic, AsOf, new AnalyticsFilter(To: cut))!;
        var after = q.Topic(Store, topic, AsOf, new AnalyticsFilter(From: cut))!;
        // Statements by their timestamp, completers by t0, questions by first ask: each falls on one side of the cut.
        Assert.Equal(whole.Mix, new ClassMix(before.Mix.Formal + after.Mix.Formal, before.Mix.Social + after.Mix.Social,
            before.Mix.Experiential + after.Mix.Experiential, before.Mix.System + after.Mix.System));
        Assert.Equal(whole.Completers, before.Completers + after.Completers);
        Assert.Equal(whole.Questions.Asked, before.Questions.Asked + after.Questions.Asked);
        Assert.Equal(whole.Questions.Answered, before.Questions.Answered + after.Questions.Answered);
        Assert.Equal(whole.IsolatedCompleters.Count, before.IsolatedCompleters.Count + after.IsolatedCompleters.Count);
        Assert.True(before.Completers > 0 && after.Completers > 0 && before.Questions.Asked > 0 && after.Questions.Asked > 0, "the cut should split both");
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
