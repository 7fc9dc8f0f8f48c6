using System.Net;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Server;

/// <summary>End to end: the endpoints the dashboard added (health report, rebuild, question flow, funnel).</summary>
public sealed class DashboardAnalyticsApiTests(AnalyticsServer server) : IClassFixture<AnalyticsServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_health_report_names_the_type_the_lrs_holds_for_experiential_activities()
    {
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client,
            Stmt.By("hal").Did(Iri.Read).OnActivity("http://wiki.example.org/health-page", Iri.Article).At("2026-02-02T09:00:00Z").Build());
        var report = await AnalyticsServer.EventuallyAsync(client, "/api/analytics/health-report",
            r => r["experientialActivityTypes"]!.Any(t => t["examples"]!.Any(e => (string?)e == "http://wiki.example.org/health-page")));
        var type = report["experientialActivityTypes"]!.First(t => t["examples"]!.Any(e => (string?)e == "http://wiki.example.org/health-page"));
        Assert.Equal(Iri.Article, (string?)type["type"]);
        Assert.Contains(report["withoutTopicVerbs"]!, v => (string?)v["verb"] == Iri.Read && (string?)v["class"] == "experiential");
    }

    [Fact]
    public async Task A_health_report_with_a_malformed_date_is_a_400_naming_the_parameter()
    {
        using var client = server.Client();
        await AnalyticsServer.AssertRefusedAsync(client, "/api/analytics/health-report?from=last-week", "from");
    }

    [Fact]
    public async Task A_reader_without_scope_all_may_not_rebuild_the_projection()
    {
        using var reader = await server.ClientWithScopesAsync("all/read");
        using var response = await reader.PostAsync(new Uri("/api/analytics/rebuild", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_rebuild_replays_the_feed_so_the_same_rows_and_names_come_back()
    {
        const string topic = "http://lms.example.org/courses/rebuilt";
        using var client = server.Client();
        await AnalyticsServer.PostAsync(client,
            Stmt.By("ray").Did(Iri.Completed).OnActivity(topic, Iri.Course, "Rebuilt course").At("2026-02-02T09:00:00Z").Build());
        var before = await AnalyticsServer.EventuallyAsync(client, "/api/analytics/topics", r => r["topics"]!.Any(t => (string?)t["topic"] == topic));
        var rows = (long)(await AnalyticsServer.EventuallyAsync(client, "/api/analytics/status", _ => true))["rows"]!;

        using var response = await client.PostAsync(new Uri("/api/analytics/rebuild", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requested = (DateTime)JObject.Parse(await response.Content.ReadAsStringAsync(Token))["requestedAt"]!;

        // The replay writes a new checkpoint: one stamped after the request proves the projection was rebuilt.
        await AnalyticsServer.EventuallyAsync(client, "/api/analytics/status",
            s => s["updated"]!.Type == JTokenType.Date && (DateTime)s["updated"]! >= requested.ToUniversalTime() && (long)s["rows"]! == rows);
        var after = await AnalyticsServer.EventuallyAsync(client, "/api/analytics/topics", r => r["topics"]!.Any(t => (string?)t["topic"] == topic));
        Assert.Equal("Rebuilt course", (string?)after["topics"]!.Single(t => (string?)t["topic"] == topic)["name"]);
        Assert.Equal(before["topics"]!.ToString(), after["topics"]!.ToString());
    }

    [Fact]
    public async Task The_funnel_of_an_unknown_topic_is_a_404_and_without_id_a_400()
    {
        using var client = server.Client();
        using var unknown = await client.GetAsync(new Uri("/api/analytics/funnel?id=http%3A%2F%2Fnowhere.example.org", UriKind.Relative), Token);
        using var missing = await client.GetAsync(new Uri("/api/analytics/funnel", UriKind.Relative), Token);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, missing.StatusCode));
    }
}
