using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>
/// The from/to/team filters on the views the dashboard added (question flow, funnel, classification health), by the
/// README's rules: statements by their timestamp and team, questions by their first ask (answers followed wherever
/// they fall), completers by t0 and team membership (followed wherever their follow-up falls).
/// </summary>
public sealed class DashboardFilterTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Q1 = "http://forum.example.org/q/01", Q2 = "http://forum.example.org/q/02", Q3 = "http://forum.example.org/q/03";

    private static DateTime Utc(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static ProjectionHarness Questions() => new ProjectionHarness().With(
        On.Ask("ann", Q1, "2026-01-05T10:00:00Z").Team(Teams.Red),   // W02, answered 30 minutes later
        On.Answer("bob", Q1, "2026-01-05T10:30:00Z"),
        On.Ask("cat", Q2, "2026-01-06T10:00:00Z"),                   // W02, names no team, answered 2 days later
        On.Answer("dan", Q2, "2026-01-08T10:00:00Z"),
        On.Ask("bob", Q3, "2026-01-20T10:00:00Z").Team(Teams.Red),   // W04, answered 21 days later (in February)
        On.Answer("ann", Q3, "2026-02-10T10:00:00Z"));

    private static (string, long, long)[] Weeks(QuestionFlow flow) => [.. flow.Weeks.Select(w => (w.Week, w.Asked, w.Answered))];

    private static (string, long)[] Delays(QuestionFlow flow) => [.. flow.TimeToFirstAnswer.Where(b => b.Questions > 0).Select(b => (b.Label, b.Questions))];

    [Fact]
    public void The_question_flow_keeps_the_questions_first_asked_in_the_range()
    {
        using var h = Questions();
        var january = h.Queries.Questions(Store, On.Topic, new AnalyticsFilter(To: Utc(1, 19)));
        // Q1 and Q2, both in W02; Q3 (asked Jan 20) is out.
        Assert.Equal([("2026-W02", 2L, 2L)], Weeks(january));
        Assert.Equal([("under 1 h", 1L), ("1-3 days", 1L)], Delays(january));
    }

    [Fact]
    public void The_question_flow_under_a_team_keeps_the_questions_whose_first_ask_names_it_with_answers_from_anyone()
    {
        using var h = Questions();
        var red = h.Queries.Questions(Store, On.Topic, new AnalyticsFilter(Team: Teams.RedKey));
        // Q1 (W02) and Q3 (W04), answered by people whose statements name no team; the empty W03 is filled.
        Assert.Equal([("2026-W02", 1L, 1L), ("2026-W03", 0L, 0L), ("2026-W04", 1L, 1L)], Weeks(red));
        Assert.Equal([("under 1 h", 1L), ("over 7 days", 1L)], Delays(red));
    }

    [Fact]
    public void A_question_of_the_range_is_answered_by_an_answer_after_the_range()
    {
        using var h = Questions();
        var flow = h.Queries.Questions(Store, null, new AnalyticsFilter(Utc(1, 19), Utc(2, 1), Teams.RedKey));
        // Q3 only; its answer on Feb 10 is after "to" and still answers it.
        Assert.Equal([("2026-W04", 1L, 1L)], Weeks(flow));
        Assert.Equal([("over 7 days", 1L)], Delays(flow));
    }

    private static ProjectionHarness Completers() => new ProjectionHarness().With(
        On.Completion("ann", "2026-01-05T09:00:00Z").Team(Teams.Red),    // ann is in Red
        On.Social("ann", "2026-01-06T09:00:00Z"),                        // ann comments after t0: seek
        On.Completion("bob", "2026-01-05T09:00:00Z"),                    // bob is in no team
        On.Ask("dan", Q1, "2026-01-07T09:00:00Z"),
        On.Answer("bob", Q1, "2026-01-07T10:00:00Z"),                    // bob answers after t0: share
        On.Completion("cat", "2026-02-02T09:00:00Z").Team(Teams.Red),    // cat is in Red
        Stmt.By("cat").Did(Iri.Adl + "shared").OnActivity("http://forum.example.org/posts/tip", Iri.Discussion).Grouping(On.Course()).At("2026-02-03T09:00:00Z"),
        On.Ask("cat", Q2, "2026-02-04T09:00:00Z"));                      // cat asks after t0: seek

    private static (long, long, long) Stages(HandoffFunnel funnel) => (funnel.Completed, funnel.AskedOrCommented, funnel.AnsweredOrShared);

    [Fact]
    public void The_funnel_unfiltered_counts_every_completer()
    {
        using var h = Completers();
        // Completers ann, bob, cat; seek: ann (commented), cat (asked); share: bob (answered), cat (shared).
        Assert.Equal((3L, 2L, 2L), Stages(h.Queries.Funnel(Store, On.Topic)!));
    }

    [Fact]
    public void The_funnel_under_a_team_counts_its_members_whatever_team_their_follow_up_names()
    {
        using var h = Completers();
        // Red's members ann and cat: both seek; cat shares (ann's comment names no team and still counts).
        Assert.Equal((2L, 2L, 1L), Stages(h.Queries.Funnel(Store, On.Topic, new AnalyticsFilter(Team: Teams.RedKey))!));
        Assert.Equal((1L, 1L, 1L), Stages(h.Queries.Funnel(Store, On.Topic, new AnalyticsFilter(From: Utc(2, 1), Team: Teams.RedKey))!));
    }

    [Fact]
    public void The_funnel_picks_completers_by_t0_in_the_range_and_follows_them_past_its_end()
    {
        using var h = Completers();
        // t0 before Jan 6: ann and bob. Their comment (Jan 6) and answer (Jan 7) fall after "to" and still count.
        Assert.Equal((2L, 1L, 1L), Stages(h.Queries.Funnel(Store, On.Topic, new AnalyticsFilter(To: Utc(1, 6)))!));
    }

    [Fact]
    public void A_known_topic_with_no_completer_in_the_filter_has_an_empty_funnel_not_none()
    {
        using var h = Completers();
        Assert.Equal((0L, 0L, 0L), Stages(h.Queries.Funnel(Store, On.Topic, new AnalyticsFilter(From: Utc(3, 1)))!));
    }

    [Fact]
    public void Classification_health_under_a_team_counts_the_statements_naming_it()
    {
        using var h = new ProjectionHarness().With(
            On.Experiential("ann", "2026-01-05T09:00:00Z").Team(Teams.Red),
            On.Experiential("bob", "2026-01-05T10:00:00Z"),
            Stmt.By("cat").Did("http://activitystrea.ms/schema/1.0/watch").OnActivity("http://video.example.org/v1").Grouping(On.Course()).At("2026-01-06T09:00:00Z").ContextGroups(Teams.Blue),
            Stmt.By("ann").Did(Iri.Read).OnActivity("http://wiki.example.org/loose", Iri.Article).At("2026-01-07T09:00:00Z").Team(Teams.Red),
            On.Social("ann", "2026-01-08T09:00:00Z").Team(Teams.Red));
        var red = h.Queries.ClassificationHealth(Store, new AnalyticsFilter(Team: Teams.RedKey));
        // Red: ann's two reads (one on the topic, one without a topic) and her comment.
        Assert.Equal((3L, 2L, 1L), (red.Statements, red.Experiential, red.WithoutTopic));
        Assert.Equal([(Iri.Read, 2L)], red.ExperientialVerbs.Select(v => (v.Verb, v.Statements)));
        Assert.Equal([("http://wiki.example.org/loose", 1L), ("http://wiki.example.org/page", 1L)], red.ExperientialActivities.Select(a => (a.Activity, a.Statements)));

        var blue = h.Queries.ClassificationHealth(Store, new AnalyticsFilter(Team: Teams.BlueKey));
        Assert.Equal((1L, 1L, 0L), (blue.Statements, blue.Experiential, blue.WithoutTopic));

        var redBefore = h.Queries.ClassificationHealth(Store, new AnalyticsFilter(To: Utc(1, 7), Team: Teams.RedKey));
        Assert.Equal((1L, 1L, 0L), (redBefore.Statements, redBefore.Experiential, redBefore.WithoutTopic));
    }
}
