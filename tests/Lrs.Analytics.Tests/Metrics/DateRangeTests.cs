using System.Globalization;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>
/// Every view under a date range [from, to), on small hand-made sets. Statements count by their own timestamp; cohorts
/// (completers by t0, questions by first ask) are picked by their anchor and then followed past the range.
/// </summary>
public sealed class DateRangeTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Q1 = "http://forum.example.org/q/01", Q2 = "http://forum.example.org/q/02", Q3 = "http://forum.example.org/q/03", Q4 = "http://forum.example.org/q/04";
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static AnalyticsFilter Range(string? from, string? to) => new(Instant(from), Instant(to));

    private static DateTime? Instant(string? s) => s is null ? null : DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static DateTime Utc(string s) => Instant(s)!.Value;

    [Fact]
    public void From_is_inclusive_and_to_exclusive_for_statements_t0_and_first_asks()
    {
        using var h = new ProjectionHarness().With(
            On.Social("ann", "2026-01-31T23:59:59.999Z"),      // 1 ms before from: out
            On.Social("ivy", "2026-02-01T00:59:59.999+01:00"),  // the same instant written at +01:00: out
            On.Social("bob", "2026-02-01T00:00:00Z"),          // at from: in
            On.Social("cat", "2026-02-28T23:59:59.999Z"),      // 1 ms before to: in
            On.Social("dan", "2026-03-01T00:00:00Z"),          // at to: out
            On.Completion("eve", "2026-02-01T00:00:00Z"),      // t0 at from: a completer
            On.Completion("fay", "2026-03-01T00:00:00Z"),      // t0 at to: not
            On.Ask("hal", Q2, "2026-02-01T00:00:00Z"),         // first ask at from: a question
            On.Ask("gus", Q1, "2026-03-01T00:00:00Z"));        // first ask at to: not
        var range = Range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
        var report = h.Queries.Topic(Store, On.Topic, AsOf, range)!;
        // social: bob, cat, hal's ask = 3; formal: eve's completion = 1.
        Assert.Equal(new(1, 3, 0, 0), report.Mix);
        Assert.Equal(1, report.Completers);
        Assert.Equal(1, report.Questions.Asked);
        // 2026-02-01 is a Sunday (W05); 2026-02-28 a Saturday (W09). W05: eve's completion, bob and hal; W09: cat.
        Assert.Equal(
            [("2026-W05", 1L, 2L), ("2026-W06", 0, 0), ("2026-W07", 0, 0), ("2026-W08", 0, 0), ("2026-W09", 0, 1)],
            h.Queries.Weekly(Store, On.Topic, range).Weeks.Select(w => (w.Week, w.Formal, w.Social)));
    }

    [Fact]
    public void The_topic_report_takes_completers_and_questions_anchored_in_the_range_and_follows_them_past_it()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-10T09:00:00Z"),  // t0 before the range: not a completer of the range
            On.Social("ann", "2026-02-05T00:00:00Z"),
            On.Completion("bob", "2026-02-02T00:00:00Z"),  // t0 in range
            On.Social("bob", "2026-03-10T00:00:00Z"),      // after to, 36 days after t0
            On.Completion("cat", "2026-02-20T00:00:00Z"),  // t0 in range, never social
            On.Completion("dan", "2026-03-05T00:00:00Z"),  // t0 after the range
            On.Ask("eve", Q1, "2026-01-30T10:00:00Z"),     // first ask before the range
            On.Answer("fay", Q1, "2026-02-03T10:00:00Z"),
            On.Ask("eve", Q2, "2026-02-10T10:00:00Z"),
            On.Answer("ann", Q2, "2026-03-03T10:00:00Z"),  // after to: 21 days = 30240 minutes
            On.Ask("fay", Q3, "2026-02-12T10:00:00Z"),     // never answered
            On.Ask("eve", Q4, "2026-02-27T10:00:00Z"),
            On.Answer("ann", Q4, "2026-02-28T10:00:00Z")); // 1 day = 1440 minutes
        var report = h.Queries.Topic(Store, On.Topic, AsOf, Range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"))!;

        // In range: ann's social Feb 5, fay's answer Feb 3, the asks of q2, q3, q4 and ann's answer Feb 28 = 6 social;
        // bob's and cat's completions = 2 formal.
        Assert.Equal(new(2, 6, 0, 0), report.Mix);
        // bob and cat; bob went social on Mar 10, after to but within 90 days of t0: 1 of 2.
        Assert.Equal(2, report.Completers);
        Assert.Equal(0.5, report.SocialAfterTraining90);
        // bob: Feb 2 -> Mar 10 = 28 + 8 = 36 days.
        Assert.Equal(36, report.MedianDaysToFirstSocial);
        // cat: t0 Feb 20 <= asOf - 60 days (Apr 2), no social in [Feb 20, Apr 21].
        Assert.Equal(["cat"], report.IsolatedCompleters.Select(i => i.Agent.Name));
        // q2, q3, q4 first asked in range; q2 (answered after to) and q4 answered: 2 of 3; median (30240 + 1440) / 2.
        Assert.Equal(new QuestionStats(3, 2, 2.0 / 3, 15840), report.Questions);
        // ann answered q2 and q4; she completed the topic, though before the range. fay's answer is to q1: out.
        Assert.Equal([("ann", 2L, true)], report.Helpers.Select(x => (x.Agent.Name!, x.Answers, x.CompletedTopic)));
    }

    [Fact]
    public void The_crossover_week_counts_only_the_weeks_in_the_range()
    {
        using var h = new ProjectionHarness().With(
            On.Social("ann", "2026-01-05T09:00:00Z"), On.Social("ann", "2026-01-12T09:00:00Z"),   // W02, W03
            On.Social("ann", "2026-01-19T09:00:00Z"), On.Social("ann", "2026-01-26T09:00:00Z"),   // W04, W05
            On.Formal("bob", "2026-02-02T09:00:00Z"),                                             // W06: 0 < 1
            On.Social("ann", "2026-02-09T09:00:00Z"), On.Social("ann", "2026-02-16T09:00:00Z"),   // W07, W08
            On.Social("ann", "2026-02-23T09:00:00Z"), On.Social("ann", "2026-03-02T09:00:00Z"));  // W09, W10
        Assert.Equal("2026-W02", h.Queries.Topic(Store, On.Topic, AsOf)!.CrossoverWeek);
        // From Monday of W04: W04, W05, then W06 breaks the run; W07..W10 is the first run of four.
        Assert.Equal("2026-W07", h.Queries.Topic(Store, On.Topic, AsOf, Range("2026-01-19T00:00:00Z", null))!.CrossoverWeek);
    }

    [Fact]
    public void A_range_with_nothing_in_it_gives_an_empty_report_not_an_unknown_topic()
    {
        using var h = new ProjectionHarness().With(On.Completion("ann", "2026-01-05T00:00:00Z"));
        var report = h.Queries.Topic(Store, On.Topic, AsOf, Range("2026-03-01T00:00:00Z", null))!;
        Assert.Equal((new ClassMix(0, 0, 0, 0), 0L, 0.0, (string?)null), (report.Mix, report.Completers, report.SocialAfterTraining90, report.CrossoverWeek));
        Assert.Null(h.Queries.Topic(Store, "http://nowhere.example.org", AsOf, Range("2026-03-01T00:00:00Z", null)));
    }

    [Fact]
    public void Topics_list_the_mix_in_range_and_the_completers_whose_t0_is_in_range()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),   // ann's t0
            On.Social("ann", "2026-01-20T00:00:00Z"),
            On.Completion("ann", "2026-03-02T00:00:00Z"),   // completing again does not move t0
            On.Formal("bob", "2026-02-02T00:00:00Z"),
            On.Completion("bob", "2026-02-03T00:00:00Z"),   // bob's t0
            On.Social("cat", "2026-03-09T00:00:00Z", On.OtherTopic));
        // February: bob's launch and completion (formal 2), completer bob; the other topic has nothing in February.
        Assert.Equal([new TopicSummary(On.Topic, null, 2, 0, 0, 0, 1)],
            h.Queries.Topics(Store, Range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")).Topics);
        // From March: ann's second completion counts as a formal statement, but her t0 (Jan 5) is not in range: 0 completers.
        Assert.Equal([new TopicSummary(On.OtherTopic, null, 0, 1, 0, 0, 0), new(On.Topic, null, 1, 0, 0, 0, 0)],
            h.Queries.Topics(Store, Range("2026-03-01T00:00:00Z", null)).Topics);
    }

    [Fact]
    public void The_handoff_curve_follows_the_completers_of_the_range_before_and_after_it()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-01T00:00:00Z"),       // 4 days before t0, before from: week -1
            On.Completion("ann", "2026-01-05T00:00:00Z"),   // t0 in range: week 0
            On.Social("ann", "2026-01-13T00:00:00Z"),       // 8 days after t0, after to: week 1
            On.Completion("bob", "2026-02-01T00:00:00Z"),   // t0 after the range: not on the curve
            On.Social("bob", "2026-02-03T00:00:00Z"));
        var curve = h.Queries.Handoff(Store, On.Topic, weeksBefore: 1, weeksAfter: 2, Range("2026-01-03T00:00:00Z", "2026-01-08T00:00:00Z"))!;
        Assert.Equal(1, curve.Completers);
        Assert.Equal(
            [(-1L, 1L, 0L, 1L, 0.0), (0, 1, 0, 1, 0.0), (1, 0, 1, 1, 1.0), (2, 0, 0, 0, 0.0)],
            curve.Points.Select(p => (p.WeekOffset, p.Formal, p.Social, p.ActiveLearners, p.SocialShare)));
        var none = h.Queries.Handoff(Store, On.Topic, 1, 2, Range("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))!;
        Assert.Equal((0L, 0), (none.Completers, none.Points.Count));
    }

    [Fact]
    public void The_network_links_the_questions_first_asked_in_range_to_every_counting_answer_they_got()
    {
        using var h = new ProjectionHarness().With(
            On.Ask("ann", Q1, "2026-01-05T10:00:00Z"),
            On.Answer("bob", Q1, "2026-01-05T10:30:00Z"),
            On.Answer("cat", Q1, "2026-02-20T10:00:00Z"),   // after to: still an edge
            On.Ask("ann", Q2, "2026-02-05T10:00:00Z"),      // first asked after to: out
            On.Answer("bob", Q2, "2026-02-06T10:00:00Z"),
            On.Ask("dan", Q3, "2026-01-06T10:00:00Z"),
            On.Answer("ann", Q3, "2026-01-07T10:00:00Z"),
            On.Completion("bob", "2026-03-01T00:00:00Z")); // completedTopic is about all time
        var network = h.Queries.Network(Store, On.Topic, Range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))!;
        // q1 and q3: ann -> bob, ann -> cat, dan -> ann, one answer to one question each (without the range ann -> bob
        // would have 2 answers to 2 questions).
        Assert.Equal(
            [(Stmt.Key("ann"), Stmt.Key("bob"), 1L, 1L), (Stmt.Key("ann"), Stmt.Key("cat"), 1, 1), (Stmt.Key("dan"), Stmt.Key("ann"), 1, 1)],
            network.Edges.Select(e => (e.Asker, e.Answerer, e.Answers, e.Questions)));
        Assert.Equal(
            [(Stmt.Key("ann"), 1L, 1L, false), (Stmt.Key("bob"), 0, 1, true), (Stmt.Key("cat"), 0, 1, false), (Stmt.Key("dan"), 1, 0, false)],
            network.Nodes.Select(n => (n.Id, n.Asked, n.Answers, n.CompletedTopic)));
    }

    [Fact]
    public void Unanswered_questions_are_those_first_asked_in_range()
    {
        using var h = new ProjectionHarness().With(
            On.Ask("ann", Q1, "2026-01-05T00:00:00Z"),      // before from
            On.Ask("bob", Q2, "2026-01-10T00:00:00Z"),
            On.Ask("cat", Q3, "2026-01-20T00:00:00Z"),
            On.Answer("dan", Q3, "2026-01-21T00:00:00Z"),   // answered
            On.Ask("dan", Q4, "2026-02-02T00:00:00Z"));     // after to
        var open = h.Queries.Unanswered(Store, On.Topic, Utc("2026-03-01T00:00:00Z"), 100, Range("2026-01-08T00:00:00Z", "2026-02-01T00:00:00Z")).Questions;
        // q2 only, waiting from Jan 10 to Mar 1: 31 + 19 = 50 days = 1200 hours.
        Assert.Equal([(Q2, 1200.0)], open.Select(q => (q.Question, q.WaitingHours)));
    }

    [Fact]
    public void A_learners_timeline_in_a_range_shows_its_statements_and_keeps_their_t0()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z"),
            On.Completion("ann", "2026-01-06T09:00:00Z"),
            On.Social("ann", "2026-01-20T09:00:00Z"),
            On.Social("ann", "2026-02-10T09:00:00Z", On.OtherTopic));
        var timeline = h.Queries.Learner(Store, Stmt.Key("ann"), topic: null, recent: 10, Range("2026-01-10T00:00:00Z", "2026-03-01T00:00:00Z"))!;
        // Topic: the social of Jan 20 only; completedAt is t0 (Jan 6), though before the range.
        Assert.Equal(
            [(On.OtherTopic, 0L, 1L, (DateTime?)null, Utc("2026-02-10T09:00:00Z")), (On.Topic, 0, 1, Utc("2026-01-06T09:00:00Z"), Utc("2026-01-20T09:00:00Z"))],
            timeline.Topics.Select(t => (t.Topic, t.Formal, t.Social, t.CompletedAt, t.LastActivity)));
        // W04 (Jan 19) and W07 (Feb 9), with W05 and W06 filled in.
        Assert.Equal([("2026-W04", 1L), ("2026-W05", 0), ("2026-W06", 0), ("2026-W07", 1)], timeline.Weeks.Select(w => (w.Week, w.Social)));
        Assert.Equal([On.OtherTopic, On.Topic], timeline.Recent.Select(e => e.Topic));

        var quiet = h.Queries.Learner(Store, Stmt.Key("ann"), null, 10, Range("2026-03-01T00:00:00Z", null))!;
        Assert.Equal(("ann", 0, 0, 0), (quiet.Agent.Name, quiet.Topics.Count, quiet.Weeks.Count, quiet.Recent.Count));
        Assert.Null(h.Queries.Learner(Store, Stmt.Key("nobody"), null, 10, Range("2026-03-01T00:00:00Z", null)));
    }
}
