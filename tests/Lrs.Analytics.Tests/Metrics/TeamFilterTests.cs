using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>
/// Every view under a team filter, on small hand-made sets. Red is named in context.team, Blue in the 2.0
/// context.contextGroups. Statements count when they name the team; people (completers, helpers) count when they are
/// members: a learner is in a team when any statement of theirs names it.
/// </summary>
public sealed class TeamFilterTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Q1 = "http://forum.example.org/q/01", Q2 = "http://forum.example.org/q/02", Q3 = "http://forum.example.org/q/03", Q4 = "http://forum.example.org/q/04";
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly AnalyticsFilter Red = new(Team: Teams.RedKey);
    private static readonly AnalyticsFilter Blue = new(Team: Teams.BlueKey);

    private static DateTime Utc(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Topics_list_the_statements_naming_the_team_and_the_completers_among_its_members()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),                                  // names no team
            On.Social("ann", "2026-01-06T00:00:00Z").Team(Teams.Red),                      // ann is in Red
            On.Completion("bob", "2026-01-07T00:00:00Z").Team(Teams.Red),                  // bob is in Red
            On.Completion("cat", "2026-01-08T00:00:00Z"),
            On.Social("cat", "2026-01-09T00:00:00Z").ContextGroups(Teams.Blue),            // cat is in Blue
            On.Social("dan", "2026-01-10T00:00:00Z", On.OtherTopic).Team(Teams.Red));      // dan is in Red
        // Red, topic: bob's completion (formal 1) and ann's social (1); completers among ann, bob, dan: ann and bob
        // (ann's completion names no team, but she is a member). Other topic: dan's social.
        Assert.Equal([new TopicSummary(On.OtherTopic, null, 0, 1, 0, 0, 0), new(On.Topic, null, 1, 1, 0, 0, 2)], h.Queries.Topics(Store, Red).Topics);
        // Blue: cat's social; cat completed.
        Assert.Equal([new TopicSummary(On.Topic, null, 0, 1, 0, 0, 1)], h.Queries.Topics(Store, Blue).Topics);
    }

    [Fact]
    public void Team_membership_is_not_narrowed_by_the_range_or_the_topic()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),
            On.Social("ann", "2026-03-02T00:00:00Z", On.OtherTopic).Team(Teams.Red)); // ann joins Red in March, elsewhere
        // Red in January: no statement names Red, but ann, a member, completed: the topic is listed with 1 completer.
        var january = new AnalyticsFilter(Utc(1, 1), Utc(2, 1), Teams.RedKey);
        Assert.Equal([new TopicSummary(On.Topic, null, 0, 0, 0, 0, 1)], h.Queries.Topics(Store, january).Topics);
        Assert.Equal(1, h.Queries.Topic(Store, On.Topic, AsOf, january)!.Completers);
    }

    [Fact]
    public void The_topic_report_counts_statements_naming_the_team_and_people_in_it()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),
            On.Social("ann", "2026-01-06T00:00:00Z").Team(Teams.Red),          // ann in Red; 1 day after t0
            On.Completion("bob", "2026-01-07T00:00:00Z").Team(Teams.Red),      // bob in Red
            On.Social("bob", "2026-01-10T00:00:00Z"),                          // 3 days after t0, names no team: still bob's
            On.Completion("cat", "2026-01-09T00:00:00Z"),
            On.Social("cat", "2026-01-10T00:00:00Z").ContextGroups(Teams.Blue), // cat in Blue; 1 day after t0
            On.Completion("dan", "2026-01-11T00:00:00Z"),                      // in no team
            On.Ask("eve", Q1, "2026-01-12T10:00:00Z").Team(Teams.Red),         // a Red question; eve in Red
            On.Answer("cat", Q1, "2026-01-12T10:30:00Z"),                      // first counting answer: 30 minutes
            On.Answer("bob", Q1, "2026-01-12T11:00:00Z"),
            On.Ask("eve", Q2, "2026-01-13T10:00:00Z").ContextGroups(Teams.Blue), // a Blue question; eve in Blue too
            On.Answer("ann", Q2, "2026-01-13T10:10:00Z"));                     // 10 minutes

        var red = h.Queries.Topic(Store, On.Topic, AsOf, Red)!;
        // Naming Red: ann's social, bob's completion, eve's ask = formal 1, social 2.
        Assert.Equal(new(1, 2, 0, 0), red.Mix);
        // Members ann, bob, eve; completers ann and bob, both social after t0 (1 and 3 days): share 1, median (1 + 3) / 2.
        Assert.Equal((2L, 1.0, (double?)2.0), (red.Completers, red.SocialAfterTraining90, red.MedianDaysToFirstSocial));
        Assert.Empty(red.IsolatedCompleters);
        // q1 only; cat's answer counts though cat is not in Red: answered 1 of 1 after 30 minutes.
        Assert.Equal(new QuestionStats(1, 1, 1, 30), red.Questions);
        // Helpers are Red's members who answered q1: bob (cat is not a member).
        Assert.Equal([("bob", 1L, true)], red.Helpers.Select(x => (x.Agent.Name!, x.Answers, x.CompletedTopic)));

        var blue = h.Queries.Topic(Store, On.Topic, AsOf, Blue)!;
        // Naming Blue: cat's social and eve's ask of q2.
        Assert.Equal(new(0, 2, 0, 0), blue.Mix);
        // Members cat and eve; completer cat, social 1 day after t0.
        Assert.Equal((1L, 1.0, (double?)1.0), (blue.Completers, blue.SocialAfterTraining90, blue.MedianDaysToFirstSocial));
        // q2, answered by ann (not in Blue) after 10 minutes; ann is no helper of Blue.
        Assert.Equal(new QuestionStats(1, 1, 1, 10), blue.Questions);
        Assert.Empty(blue.Helpers);
    }

    [Fact]
    public void Isolated_completers_under_a_team_are_its_members_only()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z").Team(Teams.Red),   // Red, never social: isolated
            On.Completion("bob", "2026-01-06T00:00:00Z").ContextGroups(Teams.Blue), // Blue, never social: isolated in Blue only
            On.Completion("cat", "2026-01-07T00:00:00Z").Team(Teams.Red),
            On.Social("cat", "2026-01-20T00:00:00Z"));                      // 13 days after t0: not isolated
        Assert.Equal(["ann"], h.Queries.Topic(Store, On.Topic, AsOf, Red)!.IsolatedCompleters.Select(i => i.Agent.Name));
        Assert.Equal(["bob"], h.Queries.Topic(Store, On.Topic, AsOf, Blue)!.IsolatedCompleters.Select(i => i.Agent.Name));
    }

    [Fact]
    public void The_weekly_series_counts_the_statements_naming_the_team()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z").Team(Teams.Red),                            // W02
            On.Social("ann", "2026-01-06T09:00:00Z"),                                            // names no team
            On.Social("ann", "2026-01-13T09:00:00Z").ContextGroups(Teams.Blue, Teams.Red),       // W03, both teams
            On.Social("ann", "2026-01-20T09:00:00Z", On.OtherTopic).ContextGroups(Teams.Blue));  // W04, other topic
        Assert.Equal([("2026-W02", 1L, 0L), ("2026-W03", 0, 1)], h.Queries.Weekly(Store, null, Red).Weeks.Select(w => (w.Week, w.Formal, w.Social)));
        Assert.Equal([("2026-W03", 0L, 1L), ("2026-W04", 0, 1)], h.Queries.Weekly(Store, null, Blue).Weeks.Select(w => (w.Week, w.Formal, w.Social)));
        Assert.Equal([("2026-W03", 0L, 1L)], h.Queries.Weekly(Store, On.Topic, Blue).Weeks.Select(w => (w.Week, w.Formal, w.Social)));
    }

    [Fact]
    public void The_handoff_curve_follows_the_teams_completers_through_all_their_statements()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-01T00:00:00Z"),                           // week -1
            On.Completion("ann", "2026-01-05T00:00:00Z"),                       // week 0
            On.Social("ann", "2026-01-13T00:00:00Z").Team(Teams.Red),           // week 1; ann in Red
            On.Completion("bob", "2026-02-01T00:00:00Z"),                       // week 0
            On.Social("bob", "2026-02-03T00:00:00Z"),                           // week 0
            On.Social("bob", "2026-02-09T00:00:00Z").ContextGroups(Teams.Blue)); // week 1; bob in Blue
        var red = h.Queries.Handoff(Store, On.Topic, 1, 2, Red)!;
        Assert.Equal(1, red.Completers);
        // ann only, including the statements that name no team.
        Assert.Equal(
            [(-1L, 1L, 0L, 1L, 0.0), (0, 1, 0, 1, 0.0), (1, 0, 1, 1, 1.0), (2, 0, 0, 0, 0.0)],
            red.Points.Select(p => (p.WeekOffset, p.Formal, p.Social, p.ActiveLearners, p.SocialShare)));
        var blue = h.Queries.Handoff(Store, On.Topic, 1, 2, Blue)!;
        // bob only: week 0 his completion and the social of Feb 3; week 1 the social of Feb 9.
        Assert.Equal(
            [(-1L, 0L, 0L, 0L, 0.0), (0, 1, 1, 1, 1.0), (1, 0, 1, 1, 1.0), (2, 0, 0, 0, 0.0)],
            blue.Points.Select(p => (p.WeekOffset, p.Formal, p.Social, p.ActiveLearners, p.SocialShare)));
    }

    [Fact]
    public void The_network_of_a_team_is_its_questions_with_every_counting_answer_whoever_gave_it()
    {
        using var h = new ProjectionHarness().With(
            On.Ask("ann", Q1, "2026-01-05T10:00:00Z").Team(Teams.Red),
            On.Answer("bob", Q1, "2026-01-05T10:30:00Z"),
            On.Answer("cat", Q1, "2026-01-05T11:00:00Z").ContextGroups(Teams.Blue), // cat is in Blue, not Red
            On.Ask("dan", Q2, "2026-01-06T10:00:00Z").ContextGroups(Teams.Blue),
            On.Answer("ann", Q2, "2026-01-06T11:00:00Z"));
        var red = h.Queries.Network(Store, On.Topic, Red)!;
        Assert.Equal([(Stmt.Key("ann"), Stmt.Key("bob")), (Stmt.Key("ann"), Stmt.Key("cat"))], red.Edges.Select(e => (e.Asker, e.Answerer)));
        Assert.Equal([(Stmt.Key("ann"), 1L, 0L), (Stmt.Key("bob"), 0, 1), (Stmt.Key("cat"), 0, 1)], red.Nodes.Select(n => (n.Id, n.Asked, n.Answers)));
        // Blue's question is q2 only: cat answered a Red question, which is not Blue's.
        var blue = h.Queries.Network(Store, On.Topic, Blue)!;
        Assert.Equal([(Stmt.Key("dan"), Stmt.Key("ann"), 1L, 1L)], blue.Edges.Select(e => (e.Asker, e.Answerer, e.Answers, e.Questions)));
    }

    [Fact]
    public void Unanswered_questions_of_a_team_are_those_whose_first_ask_names_it_an_anonymous_group_too()
    {
        var pair = Teams.Anonymous("Study pair", "ann", "bob");
        using var h = new ProjectionHarness().With(
            On.Ask("ann", Q1, "2026-01-05T00:00:00Z").Team(Teams.Red),
            On.Ask("bob", Q2, "2026-01-10T00:00:00Z").Team(pair),
            On.Ask("cat", Q3, "2026-01-20T00:00:00Z").Team(Teams.Red),
            On.Answer("dan", Q3, "2026-01-21T00:00:00Z"),                    // answered
            On.Ask("dan", Q4, "2026-02-02T00:00:00Z").Team(Teams.Red),
            On.Ask("eve", Q4, "2026-02-01T00:00:00Z"));                      // q4's first ask (eve's) names no team
        var asOf = Utc(3, 1);
        // Red: q1 (q3 is answered, q4's first ask is eve's, naming no team).
        Assert.Equal([Q1], h.Queries.Unanswered(Store, On.Topic, asOf, 100, Red).Questions.Select(q => q.Question));
        Assert.Equal([Q2], h.Queries.Unanswered(Store, On.Topic, asOf, 100, new AnalyticsFilter(Team: Teams.AnonymousKey("ann", "bob"))).Questions.Select(q => q.Question));
        Assert.Equal(
            [(Teams.RedKey, "Red team", 3L, 3L), (Teams.AnonymousKey("ann", "bob"), "Study pair", 1, 1)],
            h.Queries.Teams(Store).Teams.Select(t => (t.Team, t.Name, t.Members, t.Statements)));
    }

    [Fact]
    public void A_learners_timeline_for_a_team_shows_the_statements_naming_it()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z").Team(Teams.Red),
            On.Completion("ann", "2026-01-06T09:00:00Z"),
            On.Social("ann", "2026-01-20T09:00:00Z").ContextGroups(Teams.Blue),
            On.Social("ann", "2026-02-10T09:00:00Z", On.OtherTopic).Team(Teams.Red));
        var red = h.Queries.Learner(Store, Stmt.Key("ann"), null, 10, Red)!;
        // Topic: the launch only, completedAt t0 all the same; other topic: the social of Feb 10.
        Assert.Equal(
            [(On.OtherTopic, 0L, 1L, (DateTime?)null), (On.Topic, 1, 0, Utc(1, 6, 9))],
            red.Topics.Select(t => (t.Topic, t.Formal, t.Social, t.CompletedAt)));
        // W02 (launch) to W07 (Feb 10): six weeks.
        Assert.Equal([("2026-W02", 1L, 0L), ("2026-W03", 0, 0), ("2026-W04", 0, 0), ("2026-W05", 0, 0), ("2026-W06", 0, 0), ("2026-W07", 0, 1)],
            red.Weeks.Select(w => (w.Week, w.Formal, w.Social)));
        var blueInFebruary = h.Queries.Learner(Store, Stmt.Key("ann"), null, 10, Blue with { From = Utc(2, 1), To = Utc(3, 1) })!;
        Assert.Equal((0, 0, 0), (blueInFebruary.Topics.Count, blueInFebruary.Weeks.Count, blueInFebruary.Recent.Count));
    }
}
