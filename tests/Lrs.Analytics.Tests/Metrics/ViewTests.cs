using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>The dashboard's other views on small hand-made sets.</summary>
public sealed class ViewTests
{
    private const string Store = ProjectionHarness.Store;

    [Fact]
    public void Weekly_series_counts_each_class_per_iso_week_with_empty_weeks_filled()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T00:00:00Z"),        // Monday 00:00: W02
            On.Social("ann", "2026-01-11T23:59:59Z"),        // Sunday: still W02
            On.Social("bob", "2026-01-26T08:00:00Z"),        // W05 (W03 and W04 empty)
            On.Experiential("bob", "2026-01-26T09:00:00Z"),
            On.Social("cat", "2026-03-02T00:00:00Z", On.OtherTopic));
        var weeks = h.Queries.Weekly(Store, On.Topic).Weeks;
        Assert.Equal(
            [("2026-W02", 1L, 1L, 0L), ("2026-W03", 0, 0, 0), ("2026-W04", 0, 0, 0), ("2026-W05", 0, 1, 1)],
            weeks.Select(w => (w.Week, w.Formal, w.Social, w.Experiential)));
        Assert.Equal(new DateTime(2026, 1, 26, 0, 0, 0, DateTimeKind.Utc), weeks[3].Start);
        // Without a topic every statement counts: W02..W10 (the other topic's one is on Monday 2026-03-02, W10).
        Assert.Equal(9, h.Queries.Weekly(Store, null).Weeks.Count);
    }

    [Fact]
    public void The_handoff_curve_aligns_each_completer_on_their_own_t0()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-01T00:00:00Z"),       // ann: -4 days -> week -1
            On.Completion("ann", "2026-01-05T00:00:00Z"),   // week 0
            On.Social("ann", "2026-01-13T00:00:00Z"),       // +8 days -> week 1
            On.Completion("bob", "2026-02-01T00:00:00Z"),   // week 0
            On.Social("bob", "2026-02-03T00:00:00Z"),       // +2 days -> week 0
            On.Social("bob", "2026-02-09T00:00:00Z"),       // +8 days -> week 1
            On.Social("cat", "2026-02-09T00:00:00Z"));      // not a completer: not on the curve
        var curve = h.Queries.Handoff(Store, On.Topic, weeksBefore: 1, weeksAfter: 2)!;
        Assert.Equal(2, curve.Completers);
        // week -1: ann's launch; week 0: 2 completions + bob's social; week 1: both social (2 of 2 completers); week 2: nothing.
        Assert.Equal(
            [(-1L, 1L, 0L, 1L, 0.0), (0, 2, 1, 2, 0.5), (1, 0, 2, 2, 1.0), (2, 0, 0, 0, 0.0)],
            curve.Points.Select(p => (p.WeekOffset, p.Formal, p.Social, p.ActiveLearners, p.SocialShare)));
    }

    [Fact]
    public void The_network_links_askers_to_those_who_gave_counting_answers()
    {
        const string q1 = "http://forum.example.org/q/01", q2 = "http://forum.example.org/q/02";
        using var h = new ProjectionHarness().With(
            On.Completion("bob", "2026-01-01T00:00:00Z"),
            On.Ask("ann", q1, "2026-01-05T10:00:00Z"),
            On.Ask("ann", q2, "2026-01-05T11:00:00Z"),
            On.Answer("bob", q1, "2026-01-05T10:30:00Z"),
            On.Answer("bob", q2, "2026-01-05T11:30:00Z"),
            On.Answer("bob", q2, "2026-01-05T11:40:00Z"),
            On.Answer("cat", q1, "2026-01-05T09:00:00Z"),  // before the ask: no edge
            On.Answer("ann", q1, "2026-01-05T12:00:00Z")); // own question: no edge
        var network = h.Queries.Network(Store, On.Topic)!;
        // ann -> bob: 3 answers over 2 questions. cat gave no counting answer, so cat is no node.
        var edge = Assert.Single(network.Edges);
        Assert.Equal((Stmt.Key("ann"), Stmt.Key("bob"), 3L, 2L), (edge.Asker, edge.Answerer, edge.Answers, edge.Questions));
        Assert.Equal(
            [(Stmt.Key("ann"), 2L, 0L, false), (Stmt.Key("bob"), 0L, 3L, true)],
            network.Nodes.Select(n => (n.Id, n.Asked, n.Answers, n.CompletedTopic)));
    }

    [Fact]
    public void Unanswered_questions_are_those_without_a_counting_answer_by_as_of_oldest_first()
    {
        const string q1 = "http://forum.example.org/q/01", q2 = "http://forum.example.org/q/02", q3 = "http://forum.example.org/q/03";
        using var h = new ProjectionHarness().With(
            On.Ask("ann", q1, "2026-01-05T10:00:00Z"),
            On.Answer("ann", q1, "2026-01-05T11:00:00Z"),  // own answer: q1 stays open
            On.Ask("bob", q2, "2026-01-04T10:00:00Z"),
            On.Answer("cat", q2, "2026-01-04T12:00:00Z"),  // answered
            On.Ask("cat", q3, "2026-01-03T10:00:00Z"),
            On.Answer("ann", q3, "2026-01-07T10:00:00Z")); // answered, but after asOf
        var asOf = new DateTime(2026, 1, 6, 10, 0, 0, DateTimeKind.Utc);
        var open = h.Queries.Unanswered(Store, On.Topic, asOf, 100).Questions;
        // q3 (asked Jan 3, 72 h before asOf) then q1 (Jan 5, 24 h).
        Assert.Equal([(q3, 72.0, "cat"), (q1, 24.0, "ann")], open.Select(q => (q.Question, q.WaitingHours, q.Asker!.Name!)));
        Assert.Equal("Question 03", open[0].Name);
    }

    [Fact]
    public void A_learners_timeline_has_their_topics_weeks_and_latest_statements()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z"),
            On.Completion("ann", "2026-01-06T09:00:00Z"),
            On.Social("ann", "2026-01-20T09:00:00Z"),
            On.Social("ann", "2026-01-21T09:00:00Z", On.OtherTopic),
            On.Social("bob", "2026-01-21T09:00:00Z"));
        var timeline = h.Queries.Learner(Store, Stmt.Key("ann"), topic: null, recent: 2)!;
        Assert.Equal("ann", timeline.Agent.Name);
        Assert.Equal(
            [(On.OtherTopic, 0L, 1L, (DateTime?)null), (On.Topic, 2, 1, new DateTime(2026, 1, 6, 9, 0, 0, DateTimeKind.Utc))],
            timeline.Topics.Select(t => (t.Topic, t.Formal, t.Social, t.CompletedAt)));
        // W02: launch + completion; W03: nothing; W04: two social.
        Assert.Equal([("2026-W02", 2L, 0L), ("2026-W03", 0, 0), ("2026-W04", 0, 2)], timeline.Weeks.Select(w => (w.Week, w.Formal, w.Social)));
        Assert.Equal([On.OtherTopic, On.Topic], timeline.Recent.Select(e => e.Topic));
        Assert.Null(h.Queries.Learner(Store, Stmt.Key("nobody"), null, 10));
    }
}
