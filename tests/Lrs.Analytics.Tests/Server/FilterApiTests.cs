using System.Net;
using Lrs.Analytics.Feed;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Server;

/// <summary>
/// End to end: the from, to and team parameters of every view and GET /api/analytics/teams, over statements posted to
/// the running server, 1.0.3 ones naming a team in context.team and 2.0 ones in context.contextGroups.
/// </summary>
public sealed class FilterApiTests(FilterApiTests.Scenario scenario) : IClassFixture<FilterApiTests.Scenario>
{
    private const string Topic = "http://lms.example.org/courses/e2e-filters";
    private const string Q1 = "http://forum.example.org/q/f1", Q2 = "http://forum.example.org/q/f2", Q3 = "http://forum.example.org/q/f3";
    private const string RedKey = "mbox:mailto:red-e2e@teams.example.org";
    private const string BlueKey = "account:http://teams.example.org\u001fblue-e2e";
    private static readonly JObject Red = new() { ["objectType"] = "Group", ["name"] = "Red e2e", ["mbox"] = "mailto:red-e2e@teams.example.org" };
    private static readonly JObject Blue = new()
    {
        ["objectType"] = "Group",
        ["name"] = "Blue e2e",
        ["account"] = new JObject { ["homePage"] = "http://teams.example.org", ["name"] = "blue-e2e" },
    };

    private static readonly string[] FilteredViews =
    [
        "/api/analytics/topics", "/api/analytics/topic?id=" + E(Topic), "/api/analytics/weekly", "/api/analytics/handoff?id=" + E(Topic),
        "/api/analytics/network?id=" + E(Topic), "/api/analytics/unanswered", "/api/analytics/learner?agent=" + E("{\"mbox\":\"mailto:ann@example.org\"}"),
        "/api/analytics/helpers?id=" + E(Topic), "/api/analytics/questions", "/api/analytics/funnel?id=" + E(Topic), "/api/analytics/health-report",
        "/api/analytics/ranking",
    ];

    public static TheoryData<string, string, string> BadFilters()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var view in FilteredViews)
        {
            data.Add(view, "from=yesterday", "from");
            data.Add(view, "to=2026-02-30T00:00:00Z", "to");
            data.Add(view, "from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to");
            data.Add(view, "team=" + E("mbox:mailto:nobody@teams.example.org"), "team");
        }

        return data;
    }

    private static string E(string s) => Uri.EscapeDataString(s);

    private static string[] Names(JToken? o) => ((JObject)o!).Properties().Select(p => p.Name).ToArray();

    private AnalyticsServer Server => scenario.Server;

    private async Task<HttpClient> PostedAsync()
    {
        await scenario.Posted;
        return Server.Client();
    }
    private static async Task<JObject> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JObject.Parse(body);
    }

    [Fact]
    public async Task Teams_lists_the_teams_named_in_context_team_and_in_2_0_context_groups()
    {
        using var client = await PostedAsync();
        var teams = (await GetAsync(client, "/api/analytics/teams"))["teams"]!.Where(t => (string?)t["team"] is RedKey or BlueKey).ToList();
        Assert.Equal(["team", "name", "members", "statements"], Names(teams[0]));
        // By name: Blue e2e (ann, cat; statements 2, 7, 8), then Red e2e (ann, cat, bob, dan; statements 1, 3, 6, 9).
        Assert.Equal(
            [(BlueKey, "Blue e2e", 2L, 3L), (RedKey, "Red e2e", 4, 4)],
            teams.Select(t => ((string)t["team"]!, (string?)t["name"], (long)t["members"]!, (long)t["statements"]!)));
    }

    [Fact]
    public async Task Topics_and_the_topic_report_take_the_filters()
    {
        using var client = await PostedAsync();
        var red = (await GetAsync(client, $"/api/analytics/topics?team={E(RedKey)}"))["topics"]!.Single(t => (string?)t["topic"] == Topic);
        // Red: ann's completion (formal), 3, 6, 9 (social); completers ann and bob, both members.
        Assert.Equal((1L, 3L, 2L), ((long)red["formal"]!, (long)red["social"]!, (long)red["completers"]!));
        var february = (await GetAsync(client, "/api/analytics/topics?from=2026-02-01T00:00:00Z"))["topics"]!.Single(t => (string?)t["topic"] == Topic);
        // From Feb 1: 5 (formal), 6, 7, 8, 9 (social); bob's t0 (Feb 2) only.
        Assert.Equal((1L, 4L, 1L), ((long)february["formal"]!, (long)february["social"]!, (long)february["completers"]!));

        var blue = await GetAsync(client, $"/api/analytics/topic?id={E(Topic)}&team={E(BlueKey)}&asOf=2026-06-01T00:00:00Z");
        // Blue: 2, 7, 8 social; completer ann (member), social the day after t0; q2 answered by ann after 30 minutes.
        Assert.Equal((0L, 3L, 1L, 1.0), ((long)blue["mix"]!["formal"]!, (long)blue["mix"]!["social"]!, (long)blue["completers"]!, (double)blue["socialAfterTraining90"]!));
        Assert.Equal((1L, 1L, 30.0), ((long)blue["questions"]!["asked"]!, (long)blue["questions"]!["answered"]!, (double)blue["questions"]!["medianMinutesToFirstAnswer"]!));
        Assert.Equal("ann", (string?)Assert.Single(blue["helpers"]!)["agent"]!["name"]);

        var january = await GetAsync(client, $"/api/analytics/topic?id={E(Topic)}&to=2026-02-01T00:00:00Z");
        // Before Feb 1: 1 (formal), 2, 3, 4 (social); completer ann; q1 answered by bob after 60 minutes; bob completed
        // the topic on Feb 2, after the range: completedTopic is about all time.
        Assert.Equal((1L, 3L, 1L), ((long)january["mix"]!["formal"]!, (long)january["mix"]!["social"]!, (long)january["completers"]!));
        Assert.Equal(60.0, (double)january["questions"]!["medianMinutesToFirstAnswer"]!);
        var helper = Assert.Single(january["helpers"]!);
        Assert.Equal(("bob", true), ((string?)helper["agent"]!["name"], (bool)helper["completedTopic"]!));
    }

    [Fact]
    public async Task The_weekly_handoff_network_unanswered_and_learner_views_take_the_filters()
    {
        using var client = await PostedAsync();
        var weekly = (JArray)(await GetAsync(client, $"/api/analytics/weekly?topic={E(Topic)}&team={E(RedKey)}"))["weeks"]!;
        // Red: W02 has 1 (formal) and 3 (social); W06 has 6; W07 has 9; W03..W05 are filled with zeros.
        Assert.Equal(
            [("2026-W02", 1L, 1L), ("2026-W03", 0, 0), ("2026-W04", 0, 0), ("2026-W05", 0, 0), ("2026-W06", 0, 1), ("2026-W07", 0, 1)],
            weekly.Select(w => ((string)w["week"]!, (long)w["formal"]!, (long)w["social"]!)));

        var handoff = await GetAsync(client, $"/api/analytics/handoff?id={E(Topic)}&from=2026-02-01T00:00:00Z&weeksBefore=0&weeksAfter=1");
        // bob (t0 Feb 2): week 0 his completion and 6; his answer of Jan 7 is weeks before.
        Assert.Equal(1, (long)handoff["completers"]!);
        Assert.Equal([(0L, 1L, 1L), (1, 0, 0)], handoff["points"]!.Select(p => ((long)p["weekOffset"]!, (long)p["formal"]!, (long)p["social"]!)));

        var network = await GetAsync(client, $"/api/analytics/network?id={E(Topic)}&team={E(RedKey)}");
        // Red's questions: q1 (answered by bob) and q3 (unanswered): one edge, cat -> bob.
        var edge = Assert.Single(network["edges"]!);
        Assert.Equal((Stmt.Key("cat"), Stmt.Key("bob")), ((string)edge["asker"]!, (string)edge["answerer"]!));

        var open = $"/api/analytics/unanswered?topic={E(Topic)}&asOf=2026-03-01T00:00:00Z";
        Assert.Equal([Q3], (await GetAsync(client, open + $"&team={E(RedKey)}"))["questions"]!.Select(q => (string)q["question"]!));
        Assert.Empty((await GetAsync(client, open + $"&team={E(BlueKey)}"))["questions"]!);
        Assert.Empty((await GetAsync(client, open + "&to=2026-02-01T00:00:00Z"))["questions"]!);

        var learner = await GetAsync(client, $"/api/analytics/learner?agent={E("{\"mbox\":\"mailto:ann@example.org\"}")}&team={E(BlueKey)}");
        // ann under Blue: 2 and 8, both social; completedAt stays her t0 (1, which names Red).
        var topic = Assert.Single(learner["topics"]!);
        Assert.Equal((0L, 2L, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc)), ((long)topic["formal"]!, (long)topic["social"]!, (DateTime)topic["completedAt"]!));
    }

    [Fact]
    public async Task Who_to_ask_the_question_flow_the_funnel_the_health_report_and_the_ranking_take_the_filters()
    {
        using var client = await PostedAsync();
        var blueHelpers = await GetAsync(client, $"/api/analytics/helpers?id={E(Topic)}&team={E(BlueKey)}");
        // Blue's question q2, answered by ann (a member) after 30 minutes.
        var blueHelper = Assert.Single(blueHelpers["helpers"]!);
        Assert.Equal(("ann", 1L), ((string?)blueHelper["agent"]!["name"], (long)blueHelper["answers"]!));
        var januaryHelper = Assert.Single((await GetAsync(client, $"/api/analytics/helpers?id={E(Topic)}&to=2026-02-01T00:00:00Z"))["helpers"]!);
        // Before Feb 1: q1, answered by bob, who completed the topic on Feb 2 (completedTopic is about all time).
        Assert.Equal(("bob", true), ((string?)januaryHelper["agent"]!["name"], (bool)januaryHelper["completedTopic"]!));

        var flow = await GetAsync(client, $"/api/analytics/questions?topic={E(Topic)}&team={E(RedKey)}");
        // Red's questions: q1 (W02, answered by bob after exactly 1 hour) and q3 (W07, unanswered).
        Assert.Equal(
            [("2026-W02", 1L, 1L), ("2026-W03", 0, 0), ("2026-W04", 0, 0), ("2026-W05", 0, 0), ("2026-W06", 0, 0), ("2026-W07", 1, 0)],
            flow["weeks"]!.Select(w => ((string)w["week"]!, (long)w["asked"]!, (long)w["answered"]!)));
        Assert.Equal([("1-4 h", 1L)], flow["timeToFirstAnswer"]!.Where(b => (long)b["questions"]! > 0).Select(b => ((string)b["label"]!, (long)b["questions"]!)));

        static (long, long, long) Stages(JObject f) => ((long)f["completed"]!, (long)f["askedOrCommented"]!, (long)f["answeredOrShared"]!);
        // Red: ann (t0 Jan 5) and bob (t0 Feb 2) commented after t0; only ann answered after t0 (bob's answer was before).
        Assert.Equal((2L, 2L, 1L), Stages(await GetAsync(client, $"/api/analytics/funnel?id={E(Topic)}&team={E(RedKey)}")));
        // From Feb 1: bob only.
        Assert.Equal((1L, 1L, 0L), Stages(await GetAsync(client, $"/api/analytics/funnel?id={E(Topic)}&from=2026-02-01T00:00:00Z")));

        var health = await GetAsync(client, $"/api/analytics/health-report?team={E(BlueKey)}");
        // Blue names statements 2, 7 and 8: a comment, an ask and an answer, all on the topic.
        Assert.Equal((3L, 0L, 0L), ((long)health["statements"]!, (long)health["experiential"]!, (long)health["withoutTopic"]!));

        var red = (await GetAsync(client, $"/api/analytics/ranking?team={E(RedKey)}"))["topics"]!.Single(t => (string?)t["topic"] == Topic);
        // Red: 1 formal, 3 social; completers ann and bob, both social within 90 days; q1 answered after 60 minutes, q3 not.
        Assert.Equal((1L, 3L, 2L, 1.0), ((long)red["mix"]!["formal"]!, (long)red["mix"]!["social"]!, (long)red["completers"]!, (double)red["socialAfterTraining90"]!));
        Assert.Equal((2L, 1L, 0.5, 60.0), ((long)red["questions"]!["asked"]!, (long)red["questions"]!["answered"]!, (double)red["questions"]!["answerRate"]!, (double)red["questions"]!["medianMinutesToFirstAnswer"]!));
    }

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task Bad_filter_values_are_a_400_naming_the_parameter(string view, string query, string field)
    {
        using var client = Server.Client();
        var url = view + (view.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        await AnalyticsServer.AssertRefusedAsync(client, url, field);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_filters_of_every_view_and_the_teams_list()
    {
        using var client = Server.CreateClient();
        var document = JObject.Parse(await client.GetStringAsync(new Uri("/openapi/analytics.json", UriKind.Relative), TestContext.Current.CancellationToken));
        foreach (var view in FilteredViews)
        {
            var parameters = document["paths"]![view.Split('?')[0]]!["get"]!["parameters"]!;
            foreach (var name in (string[])["from", "to", "team"])
            {
                var p = parameters.SingleOrDefault(x => (string?)x["name"] == name);
                Assert.True(p is not null && !string.IsNullOrEmpty((string?)p["description"]), $"{view}: {name} is not described");
            }
        }

        Assert.Equal("#/components/schemas/TeamList",
            (string?)document["paths"]!["/api/analytics/teams"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public async Task A_dashboard_following_the_lrs_over_xapi_sees_the_teams_of_2_0_context_groups()
    {
        const string topic = "http://lms.example.org/courses/e2e-remote-teams";
        using var client2 = Server.Client(version: "2.0.0");
        var green = new JObject { ["objectType"] = "Group", ["name"] = "Green e2e", ["mbox"] = "mailto:green-e2e@teams.example.org" };
        await AnalyticsServer.PostAsync(client2, On.Social("hal", "2026-01-06T09:00:00Z", topic).ContextGroups(green).Build());
        var directory = Path.Combine(Path.GetTempPath(), "lrs-analytics-remote-teams-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var projection = new AnalyticsProjection(Path.Combine(directory, AnalyticsProjection.FileName), AnalyticsRules.Default.Fingerprint);
            using var http = Server.CreateClient();
            var feed = new RemoteLrsFeed(http, new Uri(http.BaseAddress!, "/xapi/"), AnalyticsServer.Key, AnalyticsServer.Secret);
            await new FeedFollower(feed, projection, AnalyticsRules.Default, "followed").CatchUpAsync(TestContext.Current.CancellationToken);
            var report = new AnalyticsQueries(projection, AnalyticsRules.Default).Topic("followed", topic, DateTime.UtcNow, new AnalyticsFilter(Team: "mbox:mailto:green-e2e@teams.example.org"))!;
            Assert.Equal(1, report.Mix.Social);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The server and the set every view is read on, posted once. Red (context.team) is named by 1, 3, 6, 9: members
    /// ann, cat, bob, dan. Blue (2.0 contextGroups) by 2, 7, 8: members ann, cat.
    /// </summary>
    public sealed class Scenario : IDisposable
    {
        private readonly Lazy<Task> _posted;

        public Scenario() => _posted = new(PostAsync);

        public AnalyticsServer Server { get; } = new();

        public Task Posted => _posted.Value;

        public void Dispose() => Server.Dispose();

        private async Task PostAsync()
        {
            using var client = Server.Client();
            using var client2 = Server.Client(version: "2.0.0");
            await AnalyticsServer.PostAsync(client,
                On.Completion("ann", "2026-01-05T09:00:00Z", topic: Topic).Team(Red).Build(),     // 1
                On.Ask("cat", Q1, "2026-01-07T10:00:00Z", Topic).Team(Red).Build(),               // 3
                On.Answer("bob", Q1, "2026-01-07T11:00:00Z", Topic).Build(),                      // 4
                On.Completion("bob", "2026-02-02T09:00:00Z", topic: Topic).Build(),               // 5
                On.Social("bob", "2026-02-03T09:00:00Z", Topic).Team(Red).Build(),                // 6
                On.Ask("dan", Q3, "2026-02-10T10:00:00Z", Topic).Team(Red).Build());              // 9
            await AnalyticsServer.PostAsync(client2,
                On.Social("ann", "2026-01-06T09:00:00Z", Topic).ContextGroups(Blue).Build(),      // 2
                On.Ask("cat", Q2, "2026-02-04T10:00:00Z", Topic).ContextGroups(Blue).Build(),     // 7
                On.Answer("ann", Q2, "2026-02-04T10:30:00Z", Topic).ContextGroups(Blue).Build()); // 8
            await AnalyticsServer.EventuallyAsync(client, "/api/analytics/status", s => (long)s["rows"]! >= 9);
        }
    }
}
