using System.Net;
using Lrs.Analytics.Feed;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Server;

/// <summary>End to end: statements posted to the running server show up in /api/analytics.</summary>
public sealed class AnalyticsApiTests(AnalyticsServer server) : IClassFixture<AnalyticsServer>
{
    private static string Escaped(string s) => Uri.EscapeDataString(s);

    private static string[] Names(JToken? o) => ((JObject)o!).Properties().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Statements_posted_to_the_lrs_show_up_in_the_topic_report_with_the_documented_fields()
    {
        const string topic = "http://lms.example.org/courses/e2e-report";
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client,
            Stmt.By("ann").Did(Iri.Completed).OnActivity(topic, Iri.Course, "End to end").At("2026-01-05T09:00:00Z").Build(),
            On.Social("ann", "2026-01-06T09:00:00Z", topic).Build(),
            On.Ask("bob", "http://forum.example.org/q/e1", "2026-01-06T10:00:00Z", topic).Build(),
            On.Answer("ann", "http://forum.example.org/q/e1", "2026-01-06T10:30:00Z", topic).Build());

        var report = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/topic?id={Escaped(topic)}&asOf=2026-06-01T00:00:00Z",
            r => (long)r["completers"]! == 1 && (long)r["questions"]!["answered"]! == 1);

        Assert.Equal(["topic", "name", "mix", "completers", "socialAfterTraining90", "medianDaysToFirstSocial", "crossoverWeek", "questions", "helpers", "isolatedCompleters"], Names(report));
        Assert.Equal(["formal", "social", "experiential", "system"], Names(report["mix"]));
        Assert.Equal(["asked", "answered", "answerRate", "medianMinutesToFirstAnswer"], Names(report["questions"]));
        Assert.Equal(["agent", "answers", "completedTopic"], Names(report["helpers"]![0]));
        Assert.Equal("End to end", (string?)report["name"]);
        // ann: completed Jan 5 09:00, first social Jan 6 09:00 = 1 day; bob's question answered 30 minutes later by ann.
        Assert.Equal(1.0, (double)report["medianDaysToFirstSocial"]!);
        Assert.Equal(30.0, (double)report["questions"]!["medianMinutesToFirstAnswer"]!);
        Assert.Equal(("ann", "mailto:ann@example.org", true), ((string?)report["helpers"]![0]!["agent"]!["name"], (string?)report["helpers"]![0]!["agent"]!["mbox"], (bool)report["helpers"]![0]!["completedTopic"]!));
    }

    [Fact]
    public async Task The_topics_list_has_the_documented_fields()
    {
        const string topic = "http://lms.example.org/courses/e2e-list";
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client, On.Social("cat", "2026-01-06T09:00:00Z", topic).Build());
        var list = await AnalyticsServer.EventuallyAsync(client, "/api/analytics/topics", r => r["topics"]!.Any(t => (string?)t["topic"] == topic));
        var entry = list["topics"]!.Single(t => (string?)t["topic"] == topic);
        Assert.Equal(["topic", "name", "formal", "social", "experiential", "system", "completers"], Names(entry));
        Assert.Equal(1, (long)entry["social"]!);
    }

    [Fact]
    public async Task A_voided_statement_leaves_the_analytics()
    {
        const string topic = "http://lms.example.org/courses/e2e-void";
        using var client = server.Client();
        var completion = Stmt.By("dan").Did(Iri.Completed).OnActivity(topic, Iri.Course).At("2026-01-05T09:00:00Z");
        await AnalyticsServer.PostAsync(client, completion.Build(), On.Social("eve", "2026-01-06T09:00:00Z", topic).Build());
        await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/topic?id={Escaped(topic)}", r => (long)r["completers"]! == 1);
        await AnalyticsServer.PostAsync(client, Stmt.By("dan").Voiding(completion.Id).Build());
        var report = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/topic?id={Escaped(topic)}", r => (long)r["completers"]! == 0);
        Assert.Equal(0, (long)report["mix"]!["formal"]!);
    }

    [Fact]
    public async Task An_unknown_topic_is_a_404_that_names_it()
    {
        using var client = server.Client();
        using var response = await client.GetAsync(new Uri("/api/analytics/topic?id=http%3A%2F%2Fnowhere.example.org", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("http://nowhere.example.org", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/analytics/topic", "id")]
    [InlineData("/api/analytics/topic?id=http%3A%2F%2Fx&asOf=yesterday", "asOf")]
    [InlineData("/api/analytics/handoff?id=http%3A%2F%2Fx&weeksAfter=1000", "weeksAfter")]
    [InlineData("/api/analytics/learner?agent=%7B%22name%22%3A%22x%22%7D", "agent")]
    [InlineData("/api/analytics/learner?agent=not-json", "agent")]
    [InlineData("/api/analytics/unanswered?limit=0", "limit")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string url, string field)
    {
        using var client = server.Client();
        await AnalyticsServer.AssertRefusedAsync(client, url, field);
    }

    [Fact]
    public async Task Analytics_need_a_credential_that_may_read_statements()
    {
        using var anonymous = server.CreateClient();
        using var writer = await server.ClientWithScopesAsync("statements/write");
        using var reader = await server.ClientWithScopesAsync("statements/read");
        using var allRead = await server.ClientWithScopesAsync("all/read");
        var url = new Uri("/api/analytics/topics", UriKind.Relative);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await allRead.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Every_view_answers_for_a_posted_topic()
    {
        const string topic = "http://lms.example.org/courses/e2e-views";
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client,
            Stmt.By("fay").Did(Iri.Completed).OnActivity(topic, Iri.Course).At("2026-01-05T09:00:00Z").Build(),
            On.Ask("gus", "http://forum.example.org/q/v1", "2026-01-06T10:00:00Z", topic).Build(),
            On.Answer("fay", "http://forum.example.org/q/v1", "2026-01-06T11:00:00Z", topic).Build(),
            On.Ask("gus", "http://forum.example.org/q/v2", "2026-01-07T10:00:00Z", topic).Build());
        var t = Escaped(topic);
        var network = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/network?id={t}", r => r["edges"]!.Any());
        Assert.Equal(2, (long)network["nodes"]![0]!["asked"]! + (long)network["nodes"]![1]!["asked"]!);
        var weekly = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/weekly?topic={t}", _ => true);
        Assert.Equal("2026-W02", (string?)weekly["weeks"]![0]!["week"]);
        var handoff = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/handoff?id={t}&weeksBefore=0&weeksAfter=1", _ => true);
        Assert.Equal(1, (long)handoff["points"]![0]!["social"]!);
        var open = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/unanswered?topic={t}&asOf=2026-01-08T10:00:00Z", _ => true);
        Assert.Equal("http://forum.example.org/q/v2", (string?)Assert.Single(open["questions"]!)["question"]);
        var learner = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/learner?agent={Escaped("{\"mbox\":\"mailto:fay@example.org\"}")}", _ => true);
        Assert.Equal(topic, (string?)learner["topics"]![0]!["topic"]);
        var status = await AnalyticsServer.EventuallyAsync(client, "/api/analytics/status", _ => true);
        Assert.True((long)status["rows"]! >= 4);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_analytics_endpoints()
    {
        using var client = server.CreateClient();
        var document = JObject.Parse(await client.GetStringAsync(new Uri("/openapi/analytics.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var paths = Names(document["paths"]);
        // The document lists paths in the order endpoints were mapped, which says nothing about the API: compare as sets.
        string[] expected = ["/api/analytics/topics", "/api/analytics/topic", "/api/analytics/weekly", "/api/analytics/handoff", "/api/analytics/network",
            "/api/analytics/unanswered", "/api/analytics/learner", "/api/analytics/teams", "/api/analytics/status",
            "/api/analytics/health-report", "/api/analytics/rebuild", "/api/analytics/questions", "/api/analytics/funnel", "/api/analytics/helpers",
            "/api/analytics/ranking"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_dashboard_can_follow_the_lrs_over_xapi()
    {
        const string topic = "http://lms.example.org/courses/e2e-remote";
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client,
            Stmt.By("hal").Did(Iri.Completed).OnActivity(topic, Iri.Course).At("2026-01-05T09:00:00Z").Build(),
            On.Social("hal", "2026-01-06T09:00:00Z", topic).Build(),
            On.Social("ivy", "2026-01-06T09:00:00Z", topic).Build());
        var local = await AnalyticsServer.EventuallyAsync(client, $"/api/analytics/topic?id={Escaped(topic)}", r => (long)r["mix"]!["social"]! == 2);

        var directory = Path.Combine(Path.GetTempPath(), "lrs-analytics-remote-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var projection = new AnalyticsProjection(Path.Combine(directory, AnalyticsProjection.FileName), AnalyticsRules.Default.Fingerprint);
            using var http = server.CreateClient();
            var feed = new RemoteLrsFeed(http, new Uri(http.BaseAddress!, "/xapi/"), AnalyticsServer.Key, AnalyticsServer.Secret);
            // Small pages, so the follower walks "more" links.
            await new FeedFollower(feed, projection, AnalyticsRules.Default, "followed", pageSize: 2).CatchUpAsync(TestContext.Current.CancellationToken);
            var remote = new AnalyticsQueries(projection, AnalyticsRules.Default).Topic("followed", topic, DateTime.UtcNow)!;
            Assert.Equal(((long)local["completers"]!, (long)local["mix"]!["social"]!), (remote.Completers, remote.Mix.Social));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
