using System.Globalization;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>What people do on the views: change filters, download what they see, move around by keyboard, manage users, sign out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InteractionTests(DemoDashboard site)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public async Task Choosing_another_topic_shows_that_topics_numbers()
    {
        var (first, _) = await site.DefaultTopicAsync();
        var topics = (JArray)(await site.GetAsync("/api/analytics/topics"))["topics"]!;
        var other = (string)topics.First(t => (string)t["topic"]! != first)["topic"]!;
        var before = await site.GetAsync($"/api/analytics/topic?id={Q(first)}");
        var after = await site.GetAsync($"/api/analytics/topic?id={Q(other)}");
        Assert.NotEqual((long)before["completers"]!, (long)after["completers"]!); // else the test could not tell

        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("overview");
        Assert.Equal((string)before["completers"]!, await page.FigureAsync("kpi-completers"));
        await page.RenderedAfterAsync(() => page.Page.SelectOptionAsync("#filter-topic", other));

        Assert.Equal((string)after["completers"]!, await page.FigureAsync("kpi-completers"));
        Assert.Equal((double)after["questions"]!["answerRate"]!, await page.NumberAsync("kpi-answer-rate"));
        Assert.Contains(Q(other), page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_date_range_narrows_the_numbers_to_the_statements_in_it()
    {
        var all = await site.GetAsync("/api/analytics/health-report");
        var ranged = await site.GetAsync("/api/analytics/health-report?from=2026-02-02T00:00:00Z&to=2026-03-02T00:00:00Z");
        Assert.NotEqual((long)all["statements"]!, (long)ranged["statements"]!);

        await using var page = await site.OpenAsync(DemoDashboard.Admin);
        await page.GoAsync("health");
        Assert.Equal((string)all["statements"]!, await page.FigureAsync("kpi-statements"));
        await page.RenderedAfterAsync(() => page.Page.Locator("#filter-from").FillAsync("2026-02-02"));
        await page.RenderedAfterAsync(() => page.Page.Locator("#filter-to").FillAsync("2026-03-01"));

        // The "to" date is inclusive on the page: up to the start of the next day.
        Assert.Equal((string)ranged["statements"]!, await page.FigureAsync("kpi-statements"));
        Assert.Equal((string)ranged["experiential"]!, await page.FigureAsync("kpi-experiential"));
        Assert.Contains("from=2026-02-02", page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_weekly_csv_holds_exactly_the_weeks_the_api_gives()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var weeks = (JArray)(await site.GetAsync($"/api/analytics/weekly?topic={Q(topic)}"))["weeks"]!;
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("overview");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#weekly [data-download=csv]").ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken)).TrimEnd().Split("\r\n");

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("week,start,formal,social,experiential,system", lines[0]);
        Assert.Equal(
            weeks.Select(w => string.Join(',', (string)w["week"]!, ((DateTime)w["start"]!).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                (string)w["formal"]!, (string)w["social"]!, (string)w["experiential"]!, (string)w["system"]!)),
            lines.Skip(1));
    }

    [Fact]
    public async Task The_helpers_csv_holds_every_helper_the_api_gives()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var helpers = (JArray)(await site.GetAsync($"/api/analytics/topic?id={Q(topic)}"))["helpers"]!;
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("helpers");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#helpers-list [data-download=csv]").ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken)).TrimEnd().Split("\r\n");

        Assert.Equal("name,agent,answers,completedTopic", lines[0]);
        Assert.Equal(
            helpers.Select(x => $"{x["agent"]!["name"]},{((string)x["agent"]!["mbox"]!)["mailto:".Length..]},{x["answers"]},{((bool)x["completedTopic"]! ? "true" : "false")}"),
            lines.Skip(1));
    }

    [Fact]
    public async Task The_chart_downloads_as_a_png_image()
    {
        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("handoff");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#curve [data-download=png]").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);

        Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"a PNG of {bytes.Length} bytes is too small to hold the chart");
    }

    [Fact]
    public async Task The_views_are_reached_from_the_keyboard_through_a_labelled_navigation()
    {
        await using var page = await site.OpenAsync(DemoDashboard.Admin);
        await page.GoAsync("overview");

        await page.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var links = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard views" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Overview", "Hand-off", "Questions", "Who to ask", "Network", "Learner record", "Classification health", "Users"], await links.AllInnerTextsAsync());
        await page.RenderedAfterAsync(async () =>
        {
            await links.Nth(1).FocusAsync();
            await page.Page.Keyboard.PressAsync("Enter");
        });
        Assert.Equal("handoff", await page.Page.EvaluateAsync<string>("() => document.body.dataset.view"));
        Assert.Equal("page", await links.Nth(1).GetAttributeAsync("aria-current"));
    }

    [Fact]
    public async Task A_team_narrows_the_numbers_to_the_teams_people_and_statements()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        var teams = (JArray)(await site.GetAsync("/api/analytics/teams"))["teams"]!;
        var all = await site.GetAsync($"/api/analytics/topic?id={Q(topic)}");
        // The team with the most completers of the topic (fewer than all of them, so the filter shows).
        var (team, narrowed) = ("", new JObject { ["completers"] = -1 });
        foreach (var key in teams.Select(t => (string)t["team"]!))
        {
            var report = await site.GetAsync($"/api/analytics/topic?id={Q(topic)}&team={Q(key)}");
            if ((long)report["completers"]! > (long)narrowed["completers"]!)
            {
                (team, narrowed) = (key, report);
            }
        }

        var funnel = await site.GetAsync($"/api/analytics/funnel?id={Q(topic)}&team={Q(team)}");
        Assert.NotEqual((long)all["completers"]!, (long)narrowed["completers"]!);

        await using var page = await site.OpenAsync(DemoDashboard.Manager);
        await page.GoAsync("overview");
        var options = await page.Page.Locator("#filter-team option").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal(["", .. teams.Select(t => (string)t["team"]!)], options);
        await page.RenderedAfterAsync(() => page.Page.SelectOptionAsync("#filter-team", team));

        Assert.Equal((string)narrowed["completers"]!, await page.FigureAsync("kpi-completers"));
        Assert.Equal((double)narrowed["socialAfterTraining90"]!, await page.NumberAsync("kpi-social90"));
        Assert.Equal((double)narrowed["questions"]!["answerRate"]!, await page.NumberAsync("kpi-answer-rate"));
        Assert.Contains("team=" + Q(team), page.Page.Url, StringComparison.Ordinal);

        // The team travels to the next view: the hand-off funnel is the team's too.
        await page.RenderedAfterAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = "Hand-off" }).ClickAsync());
        var stages = await page.Page.Locator("#funnel tbody data").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal([(string)funnel["completed"]!, (string)funnel["askedOrCommented"]!, (string)funnel["answeredOrShared"]!], stages);
        await page.ScreenshotAsync("handoff-team");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task The_users_page_lists_the_accounts_and_adds_one()
    {
        var accounts = await ListUsersAsync();
        await using var page = await site.OpenAsync(DemoDashboard.Admin);
        await page.GoAsync("users");

        Assert.Equal(accounts, await page.Page.Locator("#user-list tbody th").AllInnerTextsAsync());
        await page.ScreenshotAsync("users");
        var form = page.Page.GetByRole(AriaRole.Form, new() { Name = "Add a user" });
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync("new.manager@example.org");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("New Manager");
        await form.Locator("select[name=role]").SelectOptionAsync("manager");
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync("new-manager-password");
        await page.RenderedAfterAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync());

        string[] expected = [.. accounts, "new.manager@example.org"];
        Assert.Equal(expected, await page.Page.Locator("#user-list tbody th").AllInnerTextsAsync());
        Assert.Equal(expected, await ListUsersAsync());
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task Signing_in_through_the_form_and_out_again_ends_the_session()
    {
        await using var page = await site.OpenAsync(null);
        await page.SignInThroughTheFormAsync(DemoDashboard.Manager);
        Assert.Equal("overview", await page.Page.EvaluateAsync<string>("() => document.body.dataset.view"));
        Assert.Contains("L&D manager", await page.Page.Locator("#user").InnerTextAsync(), StringComparison.Ordinal);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForUrlAsync(DashboardPage.SignInUrl);
        var me = await page.Request.GetAsync("/api/auth/me");
        Assert.Equal(401, me.Status);
        // A refusal under /api names no Basic challenge, so a browser never opens its password dialog over the pages.
        Assert.False(me.Headers.ContainsKey("www-authenticate"));
        Assert.Empty(page.ConsoleErrors());
    }

    private async Task<string[]> ListUsersAsync()
    {
        using var admin = site.Anonymous(version: null);
        using (var login = await admin.LoginAsync(DemoDashboard.Admin.Email, DemoDashboard.Admin.Password))
        {
            await login.OkJsonAsync();
        }

        using var users = await admin.GetAsync(new Uri("/api/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);
        return [.. (await users.OkJsonAsync())["users"]!.Select(u => (string)u["email"]!)];
    }
}
