using Lrs.Analytics.Generator;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Lrs.Server.Cli;
using Microsoft.Extensions.Configuration;

namespace Lrs.Analytics.Tests.Server;

/// <summary>The operator commands: projection rebuild and generate.</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task Projection_rebuild_replays_the_stores_feed_with_one_command()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lrs-analytics-rebuild-" + Guid.NewGuid().ToString("N"));
        try
        {
            var completion = On.Completion("ann", "2026-01-05T09:00:00Z");
            using (var server = AnalyticsServer.Over(directory))
            {
                using var client = server.Client();
                await AnalyticsServer.PostAsync(client, completion.Build(), On.Social("ann", "2026-01-06T09:00:00Z").Build(), On.Social("bob", "2026-01-06T09:00:00Z").Build());
                await AnalyticsServer.PostAsync(client, Stmt.By("ann").Voiding(completion.Id).Build());
                await AnalyticsServer.EventuallyAsync(client, "/api/analytics/status", s => (long)s["rows"]! == 2);
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LRS_DATA_DIR"] = directory }).Build();
            using var output = new StringWriter();
            Assert.Equal(0, await ProjectionCommand.RunAsync(["rebuild"], configuration, output, TestContext.Current.CancellationToken));
            // 4 statements read (the voiding one included); 2 rows: the voided completion and the voiding statement stay out.
            Assert.Contains(": 4 statements", output.ToString(), StringComparison.Ordinal);
            using var projection = new AnalyticsProjection(Path.Combine(directory, AnalyticsProjection.FileName), AnalyticsRules.Default.Fingerprint);
            var report = new Lrs.Analytics.Metrics.AnalyticsQueries(projection, AnalyticsRules.Default).Topic("default", On.Topic, DateTime.UtcNow)!;
            Assert.Equal((0L, 2L), (report.Completers, report.Mix.Social));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_writes_the_same_ndjson_for_the_same_seed()
    {
        var a = Path.GetTempFileName();
        var b = Path.GetTempFileName();
        try
        {
            using var output = new StringWriter();
            string[] args = ["--seed", "3", "--learners", "20", "--courses", "2", "--weeks", "4"];
            Assert.Equal(0, await GenerateCommand.RunAsync([.. args, "--ndjson", a], output, TestContext.Current.CancellationToken));
            Assert.Equal(0, await GenerateCommand.RunAsync([.. args, "--ndjson", b], output, TestContext.Current.CancellationToken));
            var lines = await File.ReadAllLinesAsync(a, TestContext.Current.CancellationToken);
            Assert.NotEmpty(lines);
            Assert.Equal(lines, await File.ReadAllLinesAsync(b, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public async Task Generate_refuses_unclear_options_with_the_usage()
    {
        using var output = new StringWriter();
        Assert.Equal(2, await GenerateCommand.RunAsync(["--learners", "many", "--ndjson", "x"], output, TestContext.Current.CancellationToken));
        Assert.Contains("--learners must be a whole number", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_organisation_posted_through_the_xapi_shows_in_the_analytics()
    {
        using var server = new AnalyticsServer();
        using var client = server.CreateClient();
        var options = new GeneratorOptions { Seed = 5, Learners = 30, Courses = 2, Weeks = 6 };
        using var output = new StringWriter();
        var posted = await GenerateCommand.PostAsync(OrganisationGenerator.Generate(options), client, new Uri(client.BaseAddress!, "/xapi/statements"),
            AnalyticsServer.Key, AnalyticsServer.Secret, batch: 100, output, TestContext.Current.CancellationToken);
        Assert.True(posted > 0, output.ToString());

        // The same statements projected straight from a list feed give the same topics.
        using var expected = new ProjectionHarness();
        expected.Feed.Add(OrganisationGenerator.Generate(options).ToArray());
        expected.CatchUp(pageSize: 500);
        var want = expected.Queries.Topics(ProjectionHarness.Store).Topics;
        using var reader = server.Client();
        var got = await AnalyticsServer.EventuallyAsync(reader, "/api/analytics/topics",
            t => t["topics"]!.Sum(x => (long)x["formal"]! + (long)x["social"]! + (long)x["experiential"]!) == want.Sum(x => x.Formal + x.Social + x.Experiential));
        Assert.Equal(want.Select(w => (w.Topic, w.Completers)), got["topics"]!.Select(x => ((string)x["topic"]!, (long)x["completers"]!)));
    }
}
