using Lrs.Analytics.Generator;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>The ranking: every topic's headline hand-off figures at once, the same as each topic report's.</summary>
public sealed class RankingTests
{
    private const string Store = ProjectionHarness.Store;
    private const string Q1 = "http://forum.example.org/q/01", Q2 = "http://forum.example.org/q/02";
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ProjectionHarness TwoTopics() => new ProjectionHarness().With(
        On.Completion("ann", "2026-01-05T00:00:00Z"),
        On.Social("ann", "2026-01-10T00:00:00Z"),                                 // 5 days after t0
        On.Completion("bob", "2026-01-05T00:00:00Z"),
        On.Social("bob", "2026-06-01T00:00:00Z"),                                 // 147 days after t0: too late
        On.Ask("cat", Q1, "2026-01-06T10:00:00Z"),
        On.Answer("ann", Q1, "2026-01-06T10:20:00Z"),                             // 20 minutes
        On.Ask("cat", Q2, "2026-01-07T10:00:00Z"),                                // never answered
        On.Completion("dan", "2026-01-05T00:00:00Z", topic: On.OtherTopic).Team(Teams.Red),
        On.Social("dan", "2026-01-06T00:00:00Z", On.OtherTopic).Team(Teams.Red));

    [Fact]
    public void Topics_come_most_social_first_with_their_completers_share_going_social_and_questions()
    {
        using var h = TwoTopics();
        var ranking = h.Queries.Ranking(Store, 10).Topics;

        // Topic: social = 2 comments + 2 asks + 1 answer; completers ann and bob, ann social within 90 days; Q1 answered
        // after 20 minutes, Q2 not. Other topic: dan's comment; dan completed and went social a day later.
        Assert.Equal([On.Topic, On.OtherTopic], ranking.Select(t => t.Topic));
        Assert.Equal((5L, 2L, 0.5), (ranking[0].Mix.Social, ranking[0].Completers, ranking[0].SocialAfterTraining90));
        Assert.Equal(new QuestionStats(2, 1, 0.5, 20), ranking[0].Questions);
        Assert.Equal((1L, 1L, 1.0), (ranking[1].Mix.Social, ranking[1].Completers, ranking[1].SocialAfterTraining90));
        Assert.Equal(new QuestionStats(0, 0, 0, null), ranking[1].Questions);
        Assert.Equal([On.Topic], h.Queries.Ranking(Store, 1).Topics.Select(t => t.Topic));
    }

    [Fact]
    public void Under_a_team_only_topics_with_its_statements_or_its_completers_are_ranked()
    {
        using var h = TwoTopics();
        var red = h.Queries.Ranking(Store, 10, new AnalyticsFilter(Team: Teams.RedKey)).Topics;
        var ranked = Assert.Single(red);
        Assert.Equal((On.OtherTopic, 1L, 1L, 1L), (ranked.Topic, ranked.Mix.Formal, ranked.Mix.Social, ranked.Completers));
    }

    [Fact]
    public void Each_topic_ranks_with_the_figures_of_its_own_report_under_any_filter()
    {
        using var h = new ProjectionHarness();
        h.Feed.Add(OrganisationGenerator.Generate(new GeneratorOptions { Seed = 13, Learners = 80, Courses = 4, Weeks = 12 }).ToArray());
        h.CatchUp(pageSize: 500);
        var team = h.Queries.Teams(Store).Teams[0].Team;
        AnalyticsFilter[] filters =
        [
            AnalyticsFilter.None,
            new(From: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)),
            new(To: new DateTime(2026, 2, 15, 0, 0, 0, DateTimeKind.Utc), Team: team),
        ];
        foreach (var filter in filters)
        {
            var ranking = h.Queries.Ranking(Store, 1000, filter).Topics;
            Assert.Equal(h.Queries.Topics(Store, filter).Topics.Select(t => t.Topic).Order(StringComparer.Ordinal), ranking.Select(t => t.Topic).Order(StringComparer.Ordinal));
            Assert.True(ranking.Count >= 2, "a ranking of fewer than two topics tests nothing");
            foreach (var ranked in ranking)
            {
                var report = h.Queries.Topic(Store, ranked.Topic, AsOf, filter)!;
                Assert.Equal(
                    new RankedTopic(report.Topic, report.Name, report.Mix, report.Completers, report.SocialAfterTraining90, report.CrossoverWeek, report.Questions),
                    ranked);
            }

            Assert.Equal(ranking.OrderByDescending(t => t.Mix.Social).ThenBy(t => t.Topic, StringComparer.Ordinal), ranking);
        }
    }
}
