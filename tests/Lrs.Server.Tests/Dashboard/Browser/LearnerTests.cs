using System.IO.Compression;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>
/// A learner signs in to their own record, downloads all of it, asks who can help, and cannot open anyone else's
/// record: the page says so, and the server refuses the data (403) whatever the page does.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LearnerTests(DemoDashboard site)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private static string AgentParameter(JObject agent) => new JObject { ["mbox"] = agent["mbox"] }.ToString(Newtonsoft.Json.Formatting.None);

    [Fact]
    public async Task A_learner_lands_on_their_own_record_and_downloads_all_of_it()
    {
        var record = await site.GetAsync($"/api/analytics/learner?agent={Q(AgentParameter(site.LearnerAgent))}&recent=50");
        await using var page = await site.OpenAsync(null);
        await page.SignInThroughTheFormAsync(DemoDashboard.Learner);

        Assert.Equal("me", await page.Page.EvaluateAsync<string>("() => document.body.dataset.view"));
        var links = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard views" }).GetByRole(AriaRole.Link);
        Assert.Equal(["My record", "Who to ask"], await links.AllInnerTextsAsync());
        Assert.Equal((string)site.LearnerAgent["name"]!, await page.Page.Locator("#learner-name").InnerTextAsync());
        Assert.Equal(((JArray)record["topics"]!).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.FigureAsync("kpi-topics"));
        Assert.Equal(((JArray)record["recent"]!).Count, await page.Page.Locator("#learner-timeline li").CountAsync());
        Assert.Equal(0, await page.Page.Locator("#filter-team").CountAsync()); // learners may not list teams
        await page.ScreenshotAsync("my-record");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Locator("#download-record").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(await download.PathAsync());
        var manifest = JObject.Parse(await ReadAsync(zip, "manifest.json"));
        var statements = JArray.Parse(await ReadAsync(zip, (string)manifest["statements"]!["file"]!));
        Assert.Equal("lrs-learner-export/1", (string?)manifest["format"]);
        Assert.Equal((string)site.LearnerAgent["mbox"]!, (string?)manifest["agent"]!["mbox"]);
        Assert.Equal((long)manifest["statements"]!["count"]!, statements.Count);
        Assert.NotEmpty(statements);
        // Every statement is the learner's: they are its actor, or a member of the Group that is.
        var mbox = (string)site.LearnerAgent["mbox"]!;
        Assert.All(statements, s => Assert.True(
            (string?)s["actor"]!["mbox"] == mbox || (s["actor"]!["member"]?.Any(m => (string?)m["mbox"] == mbox) ?? false), s.ToString()));
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_learner_sees_who_to_ask_as_the_api_gives_it()
    {
        var (topic, _) = await site.DefaultTopicAsync();
        await using var page = await site.OpenAsync(DemoDashboard.Learner);
        await page.GoAsync("helpers?topic=" + Q(topic));

        using var learner = site.Anonymous(version: null);
        using (var login = await learner.LoginAsync(DemoDashboard.Learner.Email, DemoDashboard.Learner.Password))
        {
            await login.OkJsonAsync();
        }

        using var answer = await learner.GetAsync(new Uri($"/api/analytics/helpers?id={Q(topic)}", UriKind.Relative), TestContext.Current.CancellationToken);
        var helpers = (JArray)(await answer.OkJsonAsync())["helpers"]!;
        Assert.Equal(helpers.Select(x => (string)x["agent"]!["name"]!), await page.Page.Locator("#helpers-list tbody tr th").AllInnerTextsAsync());
        Assert.Equal(0, await page.Page.Locator("#helpers-list tbody a").CountAsync()); // names, not links to others' records
        await page.ScreenshotAsync("learner-who-to-ask");
        Assert.Empty(page.ConsoleErrors());
    }

    [Fact]
    public async Task A_learner_cannot_open_another_learners_record()
    {
        var theirs = AgentParameter(site.OtherLearnerAgent);
        await using var page = await site.OpenAsync(DemoDashboard.Learner);
        await page.GoAsync("learner?agent=" + Q(theirs));

        var message = await page.Page.Locator("#forbidden").InnerTextAsync();
        Assert.Contains("Not yours to open", message, StringComparison.Ordinal);
        Assert.Contains("another person's record stays theirs", message, StringComparison.Ordinal);
        Assert.Equal(0, await page.Page.Locator("#learner-name").CountAsync());
        Assert.DoesNotContain((string)site.OtherLearnerAgent["name"]!, await page.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync("learner-forbidden");
        Assert.Empty(page.ConsoleErrors());

        // The server refuses the other record and its export to this session, whatever the page does.
        var mine = await page.Request.GetAsync("/api/analytics/learner?agent=" + Q(AgentParameter(site.LearnerAgent)));
        var record = await page.Request.GetAsync("/api/analytics/learner?agent=" + Q(theirs));
        var export = await page.Request.GetAsync("/api/learner/export?agent=" + Q(theirs));
        var overview = await page.Request.GetAsync("/api/analytics/topics");
        Assert.Equal((200, 403, 403, 403), (mine.Status, record.Status, export.Status, overview.Status));
        Assert.Equal("forbidden", (string?)JObject.Parse(await record.TextAsync())["error"]!["code"]);
    }

    [Fact]
    public async Task A_learner_following_a_link_to_their_own_record_gets_their_record()
    {
        await using var page = await site.OpenAsync(DemoDashboard.Learner);
        await page.GoAsync("learner?agent=" + Q(AgentParameter(site.LearnerAgent)));
        await page.Page.WaitForFunctionAsync("() => document.body.dataset.view === 'me'");
        Assert.Equal((string)site.LearnerAgent["name"]!, await page.Page.Locator("#learner-name").InnerTextAsync());
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
