using System.Globalization;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>
/// Each view opens on the demo organisation for the role that reads it (a manager; an admin for classification health),
/// shows the figures the API gives (read from the API in the test), logs no console error, and leaves a screenshot in
/// artifacts/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewTests(DemoDashboard site)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private static string Exact(JToken? value) => value is null || value.Type == JTokenType.Null
        ? ""
        : value.Type == JTokenType.Float ? ((double)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString();

    private static async Task AssertFigureAsync(DashboardPage page, string kpi, JToken? expected)
    {
        var shown = await page.FigureAsync(kpi);
        if (expected?.Type == JTokenType.Float)
        {
            Assert.Equal((double)expected, double.Parse(shown, CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.Equal(Exact(expected), shown);
        }
    }

    [Fact]
    public async Task The_overview_shows_the_headline_numbers_of_the_topic_report()
    {
        var (topic, name) = await site.DefaultTopicAsync();
        var report = await site.GetAsync($"/api/analytics/topic?id={Q(topic)}");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("overview");

        Assert.Equal(topic, await page.Page.Locator("#filter-topic").InputValueAsync());
        await AssertFigureAsync(page, "kpi-completers", report["completers"]);
        await AssertFigureAsync(page, "kpi-social90", report["socialAfterTraining90"]);
        await AssertFigureAsync(page, "kpi-answer-rate", report["questions"]!["answerRate"]);
        await AssertFigureAsync(page, "kpi-first-answer", report["questions"]!["medianMinutesToFirstAnswer"]);
        await AssertFigureAsync(page, "kpi-crossover", report["crossoverWeek"]);
        Assert.Contains(name, await page.Page.Locator("#weekly").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Page.Locator("#weekly canvas").CountAsync());
        // The ranking: the six most social topics of /ranking, by their share going social within 90 days.
        var ranking = ((JArray)(await site.GetAsync("/api/analytics/ranking?limit=6"))["topics"]!)
            .OrderByDescending(t => (double)t["socialAfterTraining90"]!).ThenBy(t => (string)t["topic"]!, StringComparer.Ordinal).ToList();
        Assert.Equal(ranking.Select(t => (string)t["name"]!), await page.Page.Locator("#top-topics tbody th").AllInnerTextsAsync());
        Assert.Equal(ranking.Select(t => Exact(t["socialAfterTraining90"])),
            await page.Page.Locator("#top-topics tbody td:nth-child(3) data").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"));
        await page.ScreenshotAsync("overview");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_handoff_view_shows_the_completers_and_the_funnel_from_the_api()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var curve = await site.GetAsync($"/api/analytics/handoff?id={Q(topic)}");
        var funnel = await site.GetAsync($"/api/analytics/funnel?id={Q(topic)}");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("handoff");

        await AssertFigureAsync(page, "kpi-completers", curve["completers"]);
        var stages = await page.Page.Locator("#funnel tbody data").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal([Exact(funnel["completed"]), Exact(funnel["askedOrCommented"]), Exact(funnel["answeredOrShared"])], stages);
        await page.ScreenshotAsync("handoff");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_questions_view_shows_the_question_figures_and_the_oldest_open_question_first()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var report = await site.GetAsync($"/api/analytics/topic?id={Q(topic)}");
        var open = await site.GetAsync($"/api/analytics/unanswered?topic={Q(topic)}&limit=100");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("questions");

        await AssertFigureAsync(page, "kpi-asked", report["questions"]!["asked"]);
        await AssertFigureAsync(page, "kpi-answered", report["questions"]!["answered"]);
        await AssertFigureAsync(page, "kpi-answer-rate", report["questions"]!["answerRate"]);
        var oldest = open["questions"]![0]!;
        var firstRow = await page.Page.Locator("#open tbody tr").First.InnerTextAsync();
        Assert.Contains((string)oldest["name"]!, firstRow, StringComparison.Ordinal);
        Assert.Contains((string)oldest["asker"]!["name"]!, firstRow, StringComparison.Ordinal);
        await page.ScreenshotAsync("questions");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task Who_to_ask_lists_the_helpers_in_the_order_and_with_the_answers_the_api_gives()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var helpers = (JArray)(await site.GetAsync($"/api/analytics/topic?id={Q(topic)}"))["helpers"]!;
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("helpers");

        var names = await page.Page.Locator("#helpers-list tbody tr th").AllInnerTextsAsync();
        var answers = await page.Page.Locator("#helpers-list tbody td data").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal(helpers.Select(x => (string)x["agent"]!["name"]!), names);
        Assert.Equal(helpers.Select(x => Exact(x["answers"])), answers);
        await page.ScreenshotAsync("who-to-ask");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_network_view_counts_people_links_and_isolated_completers_as_the_api_does()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var network = await site.GetAsync($"/api/analytics/network?id={Q(topic)}");
        var report = await site.GetAsync($"/api/analytics/topic?id={Q(topic)}");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("network");

        Assert.Equal(((JArray)network["nodes"]!).Count, await page.NumberAsync("kpi-people"));
        Assert.Equal(((JArray)network["edges"]!).Count, await page.NumberAsync("kpi-links"));
        Assert.Equal(((JArray)report["isolatedCompleters"]!).Count, await page.NumberAsync("kpi-isolated"));
        Assert.Equal(1, await page.Page.Locator("#graph canvas").CountAsync());
        await page.Page.WaitForTimeoutAsync(1500); // let the force layout settle for the screenshot
        await page.ScreenshotAsync("network");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_learner_record_shows_the_learners_topics_from_the_api()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var helper = (JObject)(await site.GetAsync($"/api/analytics/topic?id={Q(topic)}"))["helpers"]![0]!["agent"]!;
        var agent = new JObject { ["mbox"] = helper["mbox"] }.ToString(Newtonsoft.Json.Formatting.None);
        var record = await site.GetAsync($"/api/analytics/learner?agent={Q(agent)}&recent=50");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("learner?agent=" + Q(agent));

        Assert.Equal((string)helper["name"]!, await page.Page.Locator("#learner-name").InnerTextAsync());
        await AssertFigureAsync(page, "kpi-topics", ((JArray)record["topics"]!).Count);
        var social = await page.Page.Locator("#learner-topics tbody tr td:nth-child(4) data").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal(record["topics"]!.Select(t => Exact(t["social"])), social);
        Assert.Equal(((JArray)record["recent"]!).Count, await page.Page.Locator("#learner-timeline li").CountAsync());
        await page.ScreenshotAsync("learner-record");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task Classification_health_shows_the_report_totals_and_the_rebuild_button_for_an_admin()
    {
        var report = await site.GetAsync("/api/analytics/health-report");
        await using var page = await site.OpenAsync(DemoDashboard.Admin);
        await page.GoAsync("health");

        await AssertFigureAsync(page, "kpi-statements", report["statements"]);
        await AssertFigureAsync(page, "kpi-experiential", report["experiential"]);
        await AssertFigureAsync(page, "kpi-no-topic", report["withoutTopic"]);
        var verbs = await page.Page.Locator("#experiential-verbs tbody th code").AllInnerTextsAsync();
        Assert.Equal(report["experientialVerbs"]!.Select(v => (string)v["verb"]!), verbs);
        Assert.True(await page.Page.Locator("#rebuild").IsVisibleAsync());
        await page.ScreenshotAsync("classification-health");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_manager_sees_every_view_but_users_and_classification_health_without_the_rebuild_button()
    {
        var report = await site.GetAsync("/api/analytics/health-report");
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("health");

        var links = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard views" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Overview", "Hand-off", "Questions", "Who to ask", "Network", "Learner record", "Classification health"], await links.AllInnerTextsAsync());
        await AssertFigureAsync(page, "kpi-statements", report["statements"]);
        Assert.Equal(0, await page.Page.Locator("#rebuild").CountAsync());
        await page.GoAsync("users");
        Assert.Contains("Not yours to open", await page.Page.Locator("#forbidden").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_sign_in_page_offers_a_labelled_local_sign_in_form()
    {
        await using var page = await site.OpenAsync(null);
        await page.Page.GotoAsync("/sign-in.html");

        Assert.True(await page.Page.GetByLabel("Email").IsVisibleAsync());
        Assert.True(await page.Page.GetByLabel("Password").IsVisibleAsync());
        Assert.True(await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).IsVisibleAsync());
        // This server has no single sign-on provider: only the local form.
        Assert.Equal(0, await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation" }).CountAsync());
        await page.ScreenshotAsync("sign-in");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task Without_a_session_the_dashboard_sends_the_visitor_to_sign_in()
    {
        await using var page = await site.OpenAsync(null);
        await page.Page.GotoAsync("/#/overview");
        await page.WaitForUrlAsync(DashboardPage.SignInUrl);
        Assert.Contains("return=", page.Page.Url, StringComparison.Ordinal);
    }
}
