using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Metrics;

/// <summary>Each metric of the topic report on a small hand-made set; the arithmetic is in the comments.</summary>
public sealed class TopicMetricsTests
{
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Mix_counts_each_class_of_the_topic_only()
    {
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z"),
            On.Completion("ann", "2026-01-05T10:00:00Z"),
            On.Social("ann", "2026-01-06T09:00:00Z"),
            On.Social("bob", "2026-01-06T09:00:00Z"),
            On.Social("cat", "2026-01-06T09:00:00Z"),
            On.Experiential("bob", "2026-01-07T09:00:00Z"),
            Stmt.By("bob").Did(Iri.LoggedIn).On(On.Course()).At("2026-01-07T10:00:00Z"),
            On.Social("dan", "2026-01-06T09:00:00Z", On.OtherTopic));
        var report = h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!;
        // formal: launched + completed = 2; social: ann, bob, cat = 3 (dan's is on the other topic); 1 read; 1 login.
        Assert.Equal(new(2, 3, 1, 1), report.Mix);
    }

    [Fact]
    public void Completers_are_distinct_learners_with_a_formal_completion_of_the_topic_itself()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T09:00:00Z"),
            On.Completion("ann", "2026-01-20T09:00:00Z"),
            On.Completion("bob", "2026-01-10T09:00:00Z", Iri.Passed),
            On.Completion("cat", "2026-01-12T09:00:00Z", Iri.Satisfied),
            // Completing a lesson inside the course is not completing the course.
            Stmt.By("dan").Did(Iri.Completed).OnActivity(On.Topic + "/lesson-1", Iri.Lesson).Parent(On.Course()).At("2026-01-12T09:00:00Z"),
            // Failing is formal but no completion; completing another course is another topic.
            On.Completion("eve", "2026-01-12T09:00:00Z", "http://adlnet.gov/expapi/verbs/failed"),
            On.Completion("fay", "2026-01-12T09:00:00Z", Iri.Completed, On.OtherTopic));
        // ann (twice, one learner), bob (passed), cat (satisfied) = 3.
        Assert.Equal(3, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.Completers);
    }

    [Fact]
    public void Learners_are_told_apart_by_their_identifier_not_their_name()
    {
        var renamed = Stmt.By("ann").Did(Iri.Completed).On(On.Course()).At("2026-01-06T09:00:00Z");
        var built = renamed.Build();
        built["actor"]!["name"] = "Ann Other-Name";
        var account = Stmt.By("ann").Did(Iri.Completed).On(On.Course()).At("2026-01-07T09:00:00Z").Build();
        account["actor"] = new Newtonsoft.Json.Linq.JObject { ["account"] = new Newtonsoft.Json.Linq.JObject { ["homePage"] = "http://lms", ["name"] = "ann" } };
        using var h = new ProjectionHarness();
        h.Feed.Add(On.Completion("ann", "2026-01-05T09:00:00Z").Build(), built, account);
        h.CatchUp();
        // The same mbox under two names is one learner; the account is another identifier: 2 completers.
        Assert.Equal(2, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.Completers);
    }

    [Fact]
    public void Social_after_training_is_the_share_of_completers_social_within_90_days_of_t0()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),
            On.Social("ann", "2026-02-01T00:00:00Z"),   // 27 days after t0: counts
            On.Completion("bob", "2026-01-10T00:00:00Z"),
            On.Social("bob", "2026-01-09T00:00:00Z"),   // before t0: does not count
            On.Social("bob", "2026-04-20T00:00:00Z"),   // 100 days after t0: too late
            On.Completion("cat", "2026-01-12T00:00:00Z"), // no social at all
            On.Completion("dan", "2026-01-01T00:00:00Z"),
            On.Social("dan", "2026-04-01T00:00:00Z"));  // Jan 31 + Feb 28 + Mar 31 = exactly 90 days: counts
        // ann and dan of 4 completers = 0.5.
        Assert.Equal(0.5, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.SocialAfterTraining90);
    }

    [Fact]
    public void Social_after_training_is_zero_without_completers()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Assert.Equal(0, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.SocialAfterTraining90);
    }

    [Fact]
    public void Median_days_to_first_social_takes_each_completers_first_social_at_or_after_t0()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T09:00:00Z"),
            On.Social("ann", "2026-01-06T21:00:00Z"),  // 1.5 days
            On.Social("ann", "2026-01-09T09:00:00Z"),  // not the first
            On.Completion("bob", "2026-01-10T00:00:00Z"),
            On.Social("bob", "2026-01-09T00:00:00Z"),  // before t0, ignored
            On.Social("bob", "2026-01-13T00:00:00Z"),  // 3 days
            On.Completion("cat", "2026-01-12T00:00:00Z"),
            On.Social("cat", "2026-01-12T00:00:00Z"),  // at t0: 0 days
            On.Completion("dan", "2026-01-12T00:00:00Z")); // no social: left out
        // [0, 1.5, 3] -> 1.5
        Assert.Equal(1.5, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.MedianDaysToFirstSocial);

        h.With(On.Completion("eve", "2026-01-01T00:00:00Z"), On.Social("eve", "2026-01-06T00:00:00Z")); // 5 days
        // [0, 1.5, 3, 5] -> (1.5 + 3) / 2 = 2.25
        Assert.Equal(2.25, h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.MedianDaysToFirstSocial);
    }

    [Fact]
    public void Median_days_to_first_social_is_null_when_no_completer_went_social()
    {
        using var h = new ProjectionHarness().With(On.Completion("ann", "2026-01-05T09:00:00Z"), On.Social("bob", "2026-01-06T09:00:00Z"));
        Assert.Null(h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.MedianDaysToFirstSocial);
    }

    [Fact]
    public void Crossover_week_is_the_first_of_four_consecutive_weeks_with_more_social_than_formal()
    {
        // 2026-01-01 is a Thursday, so ISO week 2 starts Monday 2026-01-05.
        using var h = new ProjectionHarness().With(
            On.Formal("ann", "2026-01-05T09:00:00Z"), On.Formal("bob", "2026-01-06T09:00:00Z"), On.Social("ann", "2026-01-07T09:00:00Z"), // W02: 1 < 2
            On.Social("ann", "2026-01-12T09:00:00Z"), On.Social("bob", "2026-01-13T09:00:00Z"), On.Formal("cat", "2026-01-14T09:00:00Z"),  // W03: 2 > 1
            On.Social("ann", "2026-01-19T09:00:00Z"),                                                                                     // W04: 1 > 0
            On.Social("ann", "2026-01-26T09:00:00Z"), On.Formal("bob", "2026-01-27T09:00:00Z"),                                          // W05: 1 = 1
            On.Social("ann", "2026-02-02T09:00:00Z"),                                                                                     // W06
            On.Social("ann", "2026-02-09T09:00:00Z"),                                                                                     // W07
            On.Social("ann", "2026-02-16T09:00:00Z"),                                                                                     // W08
            On.Social("ann", "2026-02-23T09:00:00Z"));                                                                                    // W09
        // W03 and W04 qualify but W05 does not; W06..W09 is the first run of four.
        Assert.Equal("2026-W06", h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.CrossoverWeek);
    }

    [Fact]
    public void Crossover_weeks_are_counted_in_utc_whatever_offset_the_timestamp_has()
    {
        using var h = new ProjectionHarness().With(
            On.Social("ann", "2026-02-02T03:00:00+05:00"), // Sunday 2026-02-01 22:00 UTC: week W05
            On.Social("ann", "2026-02-09T09:00:00Z"),      // W07
            On.Social("ann", "2026-02-16T09:00:00Z"),      // W08
            On.Social("ann", "2026-02-23T09:00:00Z"));     // W09
        // W05, (no W06), W07, W08, W09: no four consecutive weeks.
        Assert.Null(h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.CrossoverWeek);
        h.With(On.Social("bob", "2026-02-01T23:59:59-01:00")); // Monday 2026-02-02 00:59:59 UTC: W06
        Assert.Equal("2026-W05", h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.CrossoverWeek);
    }

    [Fact]
    public void Questions_count_answers_by_others_not_before_the_first_ask()
    {
        const string q1 = "http://forum.example.org/q/01", q2 = "http://forum.example.org/q/02", q3 = "http://forum.example.org/q/03";
        using var h = new ProjectionHarness().With(
            On.Completion("bob", "2026-01-01T00:00:00Z"),
            On.Ask("ann", q1, "2026-01-05T10:00:00Z"),
            On.Answer("ann", q1, "2026-01-05T10:10:00Z"), // the asker's own answer: no
            On.Answer("bob", q1, "2026-01-05T10:30:00Z"), // first counting answer: 30 min
            On.Answer("cat", q1, "2026-01-05T11:00:00Z"),
            On.Ask("bob", q2, "2026-01-05T09:00:00Z"),
            On.Ask("cat", q2, "2026-01-05T09:30:00Z"),    // asked again: bob stays the asker
            On.Answer("cat", q2, "2026-01-05T08:00:00Z"), // before the first ask: no
            On.Answer("ann", q2, "2026-01-05T12:00:00Z"), // first counting answer: 180 min
            On.Answer("bob", q2, "2026-01-05T13:00:00Z"), // bob asked q2: no
            On.Ask("cat", q3, "2026-01-05T09:00:00Z"),
            On.Answer("cat", q3, "2026-01-05T09:05:00Z"), // only the asker answered: q3 is unanswered
            On.Answer("bob", "http://forum.example.org/q/04", "2026-01-05T09:00:00Z"), // never asked: not a question
            On.Answer("bob", q3, "2026-01-05T10:00:00Z", On.OtherTopic)); // on another topic: no
        var report = h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!;
        // asked: q1, q2, q3 = 3; answered: q1, q2 = 2; rate 2/3; median of [30, 180] = 105 minutes.
        Assert.Equal(3, report.Questions.Asked);
        Assert.Equal(2, report.Questions.Answered);
        Assert.Equal(2.0 / 3, report.Questions.AnswerRate, 10);
        Assert.Equal(105, report.Questions.MedianMinutesToFirstAnswer);
    }

    [Fact]
    public void Questions_are_zero_and_the_median_null_when_nobody_asked()
    {
        using var h = new ProjectionHarness().With(On.Answer("bob", "http://forum.example.org/q/09", "2026-01-05T10:30:00Z"));
        var q = h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.Questions;
        Assert.Equal(new(0, 0, 0, null), q);
    }

    [Fact]
    public void Helpers_are_everyone_with_a_counting_answer_most_answers_first()
    {
        const string q1 = "http://forum.example.org/q/01", q2 = "http://forum.example.org/q/02";
        using var h = new ProjectionHarness().With(
            On.Completion("bob", "2026-01-01T00:00:00Z"),
            On.Ask("ann", q1, "2026-01-05T10:00:00Z"),
            On.Ask("dan", q2, "2026-01-05T10:00:00Z"),
            On.Answer("bob", q1, "2026-01-05T10:30:00Z"),
            On.Answer("bob", q2, "2026-01-05T10:40:00Z"),
            On.Answer("bob", q2, "2026-01-05T10:50:00Z"), // a second answer to the same question counts as an answer statement
            On.Answer("cat", q1, "2026-01-05T11:00:00Z"),
            On.Answer("ann", q2, "2026-01-05T12:00:00Z"),
            On.Answer("ann", q1, "2026-01-05T12:00:00Z"), // ann asked q1: not counted
            On.Answer("dan", q2, "2026-01-05T12:00:00Z")); // dan asked q2: not counted
        var helpers = h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.Helpers;
        // bob 3 (completed the topic), then ann 1 and cat 1 (ties by identifier).
        Assert.Equal(
            [("bob@example.org", 3L, true), ("ann@example.org", 1L, false), ("cat@example.org", 1L, false)],
            helpers.Select(x => (x.Agent.Mbox![7..], x.Answers, x.CompletedTopic)));
        Assert.Equal("bob", helpers[0].Agent.Name);
    }

    [Fact]
    public void Isolated_completers_are_60_days_past_t0_without_social_in_those_60_days()
    {
        using var h = new ProjectionHarness().With(
            On.Completion("ann", "2026-01-05T00:00:00Z"),                                                  // no social: isolated
            On.Completion("bob", "2026-01-10T00:00:00Z"), On.Social("bob", "2026-02-01T00:00:00Z"),        // social after 22 days
            On.Completion("cat", "2026-04-15T00:00:00Z"),                                                  // only 47 days before asOf
            On.Completion("dan", "2026-01-01T00:00:00Z"), On.Social("dan", "2026-03-10T00:00:00Z"),        // first social after 68 days: isolated
            On.Completion("eve", "2026-04-02T00:00:00Z"),                                                  // Apr 2 + 60 days = Jun 1 = asOf: isolated
            On.Social("fay", "2026-01-02T00:00:00Z"));                                                     // not a completer
        var isolated = h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.IsolatedCompleters;
        // Ordered by t0: dan (Jan 1), ann (Jan 5), eve (Apr 2).
        Assert.Equal(["dan", "ann", "eve"], isolated.Select(i => i.Agent.Name));
    }

    [Fact]
    public void An_unknown_topic_has_no_report()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        Assert.Null(h.Queries.Topic(ProjectionHarness.Store, "http://nowhere.example.org", AsOf));
    }

    [Fact]
    public void Topics_lists_every_topic_with_its_mix_completers_and_name()
    {
        using var h = new ProjectionHarness().With(
            Stmt.By("ann").Did(Iri.Launched).On(Stmt.Activity(On.Topic, Iri.Course, "Safety at work")).At("2026-01-05T00:00:00Z"),
            On.Completion("ann", "2026-01-06T00:00:00Z"),
            On.Completion("bob", "2026-01-06T00:00:00Z"),
            On.Social("cat", "2026-01-07T00:00:00Z"),
            On.Social("cat", "2026-01-07T00:00:00Z", On.OtherTopic),
            Stmt.By("cat").Did(Iri.Read).OnActivity("http://wiki/no-topic").At("2026-01-07T00:00:00Z"));
        var topics = h.Queries.Topics(ProjectionHarness.Store).Topics;
        // Safety: formal 3 (launch + 2 completions), social 1, completers 2. Other: social 1, no name. No-topic read: not listed.
        Assert.Equal(
            [new(On.OtherTopic, null, 0, 1, 0, 0, 0), new(On.Topic, "Safety at work", 3, 1, 0, 0, 2)],
            topics);
    }

    [Fact]
    public void Topic_names_in_the_rules_override_the_definition_name()
    {
        var rules = Lrs.Analytics.Rules.AnalyticsRules.Parse(
            new Newtonsoft.Json.Linq.JObject { ["topics"] = new Newtonsoft.Json.Linq.JObject { ["names"] = new Newtonsoft.Json.Linq.JObject { [On.Topic] = "Safety (2026)" } } }.ToString(), null);
        using var h = new ProjectionHarness(rules).With(
            Stmt.By("ann").Did(Iri.Launched).On(Stmt.Activity(On.Topic, Iri.Course, "Safety at work")).At("2026-01-05T00:00:00Z"));
        Assert.Equal("Safety (2026)", h.Queries.Topic(ProjectionHarness.Store, On.Topic, AsOf)!.Name);
    }
}
