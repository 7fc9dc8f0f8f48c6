using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>What people do on the views: change filters, download what they see, and (as a learner) stay within their own record.</summary>
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

        await using var page = await site.OpenAsync();
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

        await using var page = await site.OpenAsync();
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
        await using var page = await site.OpenAsync();
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
        await using var page = await site.OpenAsync();
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
        await using var page = await site.OpenAsync();
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
        await using var page = await site.OpenAsync();
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
    public async Task The_users_page_explains_what_is_missing_when_the_server_has_no_accounts()
    {
        await using var page = await site.OpenAsync();
        await page.GoAsync("users");
        var status = await page.Request.GetAsync("/api/admin/users");
        if (status.Status == (int)HttpStatusCode.NotFound)
        {
            Assert.Contains("not available", await page.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(await page.Page.Locator("#user-list").IsVisibleAsync());
        }

        await page.ScreenshotAsync("users");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_learner_cannot_open_another_learners_record()
    {
        await using var admin = await site.OpenAsync();
        var probe = await admin.Request.PostAsync("/api/auth/login", new() { DataObject = new { email = "nobody@example.org", password = "x" } });
        if (probe.Status == (int)HttpStatusCode.NotFound)
        {
            Assert.Skip("the sign-in API (/api/auth/login, branch dash-backend) is not on this server yet");
        }

        // The admin account comes from LRS_ADMIN_EMAIL / LRS_ADMIN_PASSWORD (DemoDashboard sets them).
        var (topic, _) = await site.DefaultTopicAsync();
        var helpers = (JArray)(await site.GetAsync($"/api/analytics/topic?id={Q(topic)}"))["helpers"]!;
        var me = (JObject)helpers[0]!["agent"]!;
        var other = (JObject)helpers[1]!["agent"]!;
        var login = await admin.Request.PostAsync("/api/auth/login", new() { DataObject = new { email = DemoDashboard.AdminEmail, password = DemoDashboard.AdminPassword } });
        Assert.Equal(200, login.Status);
        var created = await admin.Request.PostAsync("/api/admin/users", new()
        {
            DataObject = new { email = "learner@example.org", name = (string)me["name"]!, role = "learner", password = "learner-password-1", agent = new { mbox = (string)me["mbox"]! } },
        });
        Assert.True(created.Ok, $"creating the learner: {created.Status} {await created.TextAsync()}");

        await using var learner = await site.OpenAsync(withCredential: false);
        await learner.Page.GotoAsync("/sign-in.html");
        await learner.Page.GetByLabel("Email").FillAsync("learner@example.org");
        await learner.Page.GetByLabel("Password").FillAsync("learner-password-1");
        await learner.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await learner.Page.WaitForFunctionAsync("() => document.body.dataset.view === 'me'");
        Assert.Equal((string)me["name"]!, await learner.Page.Locator("#learner-name").InnerTextAsync());
        await learner.ScreenshotAsync("my-record");

        var mine = await learner.Request.GetAsync("/api/analytics/learner?agent=" + Q(new JObject { ["mbox"] = me["mbox"] }.ToString(Newtonsoft.Json.Formatting.None)));
        var theirs = await learner.Request.GetAsync("/api/analytics/learner?agent=" + Q(new JObject { ["mbox"] = other["mbox"] }.ToString(Newtonsoft.Json.Formatting.None)));
        Assert.Equal((200, 403), (mine.Status, theirs.Status));
    }
}
