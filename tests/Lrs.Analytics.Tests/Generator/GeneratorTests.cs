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
            StatementValidator.Validate(s, XapiVersion.V103, null);
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
