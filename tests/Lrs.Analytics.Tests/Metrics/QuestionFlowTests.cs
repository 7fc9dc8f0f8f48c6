using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>The questions page's weekly series and answer delays, and the completers' hand-off funnel.</summary>
public sealed class QuestionFlowTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Q1 = "http://forum.example.org/q/01", Q2 = "http://forum.example.org/q/02", Q3 = "http://forum.example.org/q/03";

    [Fact]
    public void Questions_count_in_the_week_of_their_first_ask_with_empty_weeks_filled()
    {
        using var h = new ProjectionHarness().With(
            On.Ask("ann", Q1, "2026-01-05T10:00:00Z"),     // W02, answered 30 min later
            On.Answer("bob", Q1, "2026-01-05T10:30:00Z"),
            On.Ask("ann", Q2, "2026-01-06T10:00:00Z"),     // W02, answered 2 days later
            On.Answer("cat", Q2, "2026-01-08T10:00:00Z"),
            On.Ask("bob", Q3, "2026-01-20T10:00:00Z"),     // W04, never answered (own answer does not count)
            On.Answer("bob", Q3, "2026-01-20T11:00:00Z"));
        var flow = h.Queries.Questions(Store, On.Topic);
        Assert.Equal([("2026-W02", 2L, 2L), ("2026-W03", 0, 0), ("2026-W04", 1, 0)], flow.Weeks.Select(w => (w.Week, w.Asked, w.Answered)));
        Assert.Equal(
            [("under 1 h", 1L), ("1-4 h", 0), ("4-24 h", 0), ("1-3 days", 1), ("3-7 days", 0), ("over 7 days", 0)],
            flow.TimeToFirstAnswer.Select(b => (b.Label, b.Questions)));
    }

    [Fact]
    public void Without_questions_the_series_is_empty_and_every_bucket_is_zero()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T10:00:00Z"));
        var flow = h.Queries.Questions(Store, null);
        Assert.Empty(flow.Weeks);
        Assert.All(flow.TimeToFirstAnswer, b => Assert.Equal(0, b.Questions));
    }

    [Fact]
    public void The_funnel_counts_completers_who_then_asked_or_commented_and_who_then_answered_or_shared()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),
            On.Social("ann", "2026-01-06T00:00:00Z"),                  // ann comments after t0: seek/sense
            On.Completion("bob", "2026-01-05T00:00:00Z"),
            On.Ask("dan", Q1, "2026-01-07T00:00:00Z"),
            On.Answer("bob", Q1, "2026-01-07T01:00:00Z"),              // bob answers after t0: share
            On.Social("cat", "2026-01-04T00:00:00Z"),                  // cat comments before completing: not counted
            On.Completion("cat", "2026-01-05T00:00:00Z"),
            Stmt.By("cat").Did(Iri.Adl + "shared").OnActivity("http://forum.example.org/posts/tip", Iri.Discussion).Grouping(On.Course()).At("2026-01-09T00:00:00Z"));
        var funnel = h.Queries.Funnel(Store, On.Topic)!;
        Assert.Equal((3L, 1L, 2L), (funnel.Completed, funnel.AskedOrCommented, funnel.AnsweredOrShared));
    }

    [Fact]
    public void The_funnel_of_an_unknown_topic_is_null()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T10:00:00Z"));
        Assert.Null(h.Queries.Funnel(Store, "http://lms.example.org/courses/none"));
    }
}
