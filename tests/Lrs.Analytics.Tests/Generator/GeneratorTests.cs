using Lrs.Analytics.Classification;
using Lrs.Analytics.Generator;
using Lrs.Analytics.Tests.Support;
using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Validation;

namespace Lrs.Analytics.Tests.Generator;

public sealed class GeneratorTests
{
    private static readonly GeneratorOptions Small = new() { Seed = 7, Learners = 40, Courses = 2, Weeks = 10 };

    [Fact]
    public void The_same_seed_gives_the_same_statements_ids_included()
    {
        var a = OrganisationGenerator.Generate(Small).Select(XapiJson.Serialize).ToList();
        var b = OrganisationGenerator.Generate(Small).Select(XapiJson.Serialize).ToList();
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Another_seed_gives_another_organisation()
    {
        var a = OrganisationGenerator.Generate(Small).Select(XapiJson.Serialize).Take(50).ToList();
        var b = OrganisationGenerator.Generate(Small with { Seed = 8 }).Select(XapiJson.Serialize).Take(50).ToList();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Every_generated_statement_is_valid_xapi_in_timestamp_order()
    {
        var statements = OrganisationGenerator.Generate(Small).ToList();
        foreach (var s in statements)
        {
            // The 2.0 ones (contextGroups) under 2.0.0, the others under 1.0.3, as the generate command posts them.
            StatementValidator.Validate(s, (string?)s["version"] == "2.0.0" ? XapiVersion.V200 : XapiVersion.V103, null);
        }

        var times = statements.Select(s => StatementView.Parse(s).Timestamp!.Value).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void The_organisation_has_every_class_completions_questions_answers_voids_and_several_time_zones()
    {
        var statements = OrganisationGenerator.Generate(Small).ToList();
        var views = statements.Select(StatementView.Parse).ToList();
        var harness = new ProjectionHarness();
        using (harness)
        {
            harness.Feed.Add(statements.ToArray());
            harness.CatchUp(pageSize: 500);
            var topics = harness.Queries.Topics(ProjectionHarness.Store).Topics;
            Assert.Equal(2, topics.Count);
            var report = harness.Queries.Topic(ProjectionHarness.Store, topics[0].Topic, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc))!;
            Assert.True(report.Mix is { Formal: > 0, Social: > 0, Experiential: > 0 }, report.Mix.ToString());
            // Logins are about the platform, not a topic: they show in the weekly series of everything.
            Assert.Contains(harness.Queries.Weekly(ProjectionHarness.Store, null).Weeks, w => w.System > 0);
            Assert.True(report.Completers > 0 && report.Questions.Asked > 0 && report.Questions.Answered > 0, report.ToString());
            Assert.NotEmpty(report.Helpers);
        }

        Assert.Contains(views, v => v.Voids is not null);
        Assert.True(statements.Select(s => ((string)s["timestamp"]!)[^6..]).Distinct(StringComparer.Ordinal).Count() >= 3);
    }

    [Fact]
    public void People_work_in_teams_named_in_context_team_and_by_the_2_0_questions_and_answers_in_context_groups()
    {
        var statements = OrganisationGenerator.Generate(Small with { Learners = 80 }).ToList();
        var views = statements.Select(s => (Json: s, View: StatementView.Parse(s))).ToList();
        // Every statement but the voiding ones names the actor's team; questions, answers and replies are 2.0
        // statements naming it (and a practice group for some people) in contextGroups only.
        Assert.All(views.Where(v => v.View.Voids is null), v => Assert.NotEmpty(v.View.Teams));
        static bool IsQuestionOrAnswer(StatementView v) => v.Verb is Iri.Asked or Iri.Answered or "http://id.tincanapi.com/verb/replied";
        var qa = views.Where(v => IsQuestionOrAnswer(v.View)).ToList();
        Assert.NotEmpty(qa);
        Assert.All(qa, v => Assert.Equal(("2.0.0", (Newtonsoft.Json.Linq.JToken?)null), ((string?)v.Json["version"], v.Json["context"]!["team"])));
        Assert.Contains(qa, v => v.View.Teams.Count == 2);
        Assert.All(views.Where(v => !IsQuestionOrAnswer(v.View) && v.View.Voids is null), v => Assert.NotNull(v.Json["context"]!["team"]));
        // One team per person: the context.team of all of a person's statements is the same group.
        Assert.All(views.Where(v => v.Json["context"]?["team"] is not null).GroupBy(v => v.View.ActorKey),
            g => Assert.Single(g.Select(v => v.View.Teams[0].Key).Distinct(StringComparer.Ordinal)));

        using var h = new ProjectionHarness();
        h.Feed.Add(statements.ToArray());
        h.CatchUp(pageSize: 500);
        var teams = h.Queries.Teams(ProjectionHarness.Store).Teams;
        // 80 people in teams of about ten: 8 teams, plus 2 practice groups (80 / 40).
        Assert.Equal(10, teams.Count);
        Assert.All(teams, t => Assert.True(t.Name is not null && t.Members > 0 && t.Statements > 0, t.ToString()));
        var topic = h.Queries.Topics(ProjectionHarness.Store).Topics[0];
        var byTeam = teams.Select(t => h.Queries.Topics(ProjectionHarness.Store, new Lrs.Analytics.Metrics.AnalyticsFilter(Team: t.Team)).Topics.Single(x => x.Topic == topic.Topic)).ToList();
        // Each person is in one team of the eight (practice groups aside): the teams' completers add up to the topic's.
        Assert.Equal(topic.Completers, byTeam.Where((_, i) => teams[i].Team.StartsWith("mbox:", StringComparison.Ordinal)).Sum(x => x.Completers));
    }

    [Fact]
    public void Participation_is_skewed_most_answers_come_from_few_people()
    {
        var answers = OrganisationGenerator.Generate(Small with { Learners = 200, Weeks = 20 })
            .Select(StatementView.Parse).Where(v => v.Verb == Iri.Answered).GroupBy(v => v.ActorKey).Select(g => g.Count())
            .OrderDescending().ToList();
        // The top 20% of answerers give over half the answers.
        var top = answers.Take(Math.Max(1, answers.Count / 5)).Sum();
        Assert.True(top * 2 > answers.Sum(), $"top {top} of {answers.Sum()}");
    }
}
