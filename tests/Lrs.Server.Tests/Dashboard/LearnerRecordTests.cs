using System.IO.Compression;
using System.Net;
using System.Text;
using Lrs.Server.Auth;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Dashboard;

/// <summary>
/// A learner's own record: their analytics timeline, who to ask, and the export another LRS accepts (statements where
/// they act, alone or in a group, voided ones left out, and their agent profiles).
/// </summary>
public sealed class LearnerRecordTests(DashboardLrs lrs) : IClassFixture<DashboardLrs>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Course() => "http://lms.example.org/courses/c" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(HttpClient Client, JObject Agent)> LearnerAsync()
    {
        var (client, _, agent) = await lrs.SignedInAsAsync(DashboardRoles.Learner);
        return (client, agent!);
    }

    /// <summary>GETs until the answer is 200 and satisfies the condition (the projection follows asynchronously), at most 15 s.</summary>
    private static async Task<JObject> EventuallyAsync(HttpClient client, string url, Func<JObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await client.GetResponseAsync(url);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode == HttpStatusCode.OK && condition((JObject)XapiHttp.Parse(body)))
            {
                return (JObject)XapiHttp.Parse(body);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url}: {(int)response.StatusCode} {body}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task A_learner_reads_their_own_timeline_and_who_to_ask_but_not_the_topic_report()
    {
        var (learner, agent) = await LearnerAsync();
        var mbox = (string)agent["mbox"]!;
        var helper = Statements.NewMbox();
        var course = Course();
        var question = course + "/questions/1";
        using var basic = lrs.Client();
        await basic.StoreAsync(
            TopicStatements.Completed(mbox, course, "2026-02-02T09:00:00Z"),
            TopicStatements.Asked(mbox, question, course, "2026-02-03T09:00:00Z"),
            TopicStatements.Answered(helper, question, course, "2026-02-03T10:00:00Z"));

        var timeline = await EventuallyAsync(learner, "/api/analytics/learner?agent=" + XapiHttp.Q(agent), t => t["recent"] is JArray { Count: 2 });
        var helpers = await EventuallyAsync(learner, "/api/analytics/helpers?id=" + XapiHttp.Q(course), h => h["helpers"] is JArray { Count: 1 });
        using var report = await learner.GetResponseAsync("/api/analytics/topic?id=" + XapiHttp.Q(course));

        Assert.Equal(mbox, (string?)timeline["agent"]!["mbox"]);
        Assert.Equal(["topic", "name", "helpers"], helpers.Properties().Select(p => p.Name));
        Assert.Equal(course, (string?)helpers["topic"]);
        Assert.Equal((helper, 1L, false), ((string?)helpers["helpers"]![0]!["agent"]!["mbox"], (long)helpers["helpers"]![0]!["answers"]!, (bool)helpers["helpers"]![0]!["completedTopic"]!));
        await report.ErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_export_holds_the_learners_statements_and_agent_profiles_and_a_fresh_lrs_accepts_them()
    {
        var (learner, agent) = await LearnerAsync();
        var mbox = (string)agent["mbox"]!;
        var other = Statements.NewMbox();
        var course = Course();
        using var basic = lrs.Client();
        var group = new JObject { ["objectType"] = "Group", ["name"] = "Pair", ["member"] = new JArray(Statements.Agent(mbox), Statements.Agent(other)) };
        var inGroup = Statements.Make(Statements.NewActivity(), verb: Statements.Completed);
        inGroup["actor"] = group;
        var mine = await basic.StoreAsync(TopicStatements.Completed(mbox, course, "2026-02-02T09:00:00Z"), TopicStatements.Asked(mbox, course + "/q", course, "2026-02-03T09:00:00Z"), inGroup);
        var voided = await basic.StoreAsync(Statements.Make(Statements.NewActivity(), mbox));
        var voiding = Statements.Voiding(voided[0]);
        voiding["actor"] = Statements.Agent(mbox);
        await basic.StoreAsync(voiding);
        var reference = Statements.Make(Statements.NewActivity(), other);
        reference["object"] = new JObject { ["objectType"] = "StatementRef", ["id"] = mine[0].ToString() };
        await basic.StoreAsync(reference, Statements.Make(Statements.NewActivity(), other));
        await PutProfileAsync(basic, agent, "preferences", "{\"theme\":\"dark\"}", "application/json");
        await PutProfileAsync(basic, agent, "notes/2026 plan", "keep going", "text/plain");

        using var response = await learner.GetResponseAsync("/api/learner/export?agent=" + XapiHttp.Q(agent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var manifest = (JObject)XapiHttp.Parse(Read(zip, "manifest.json"));
        var statements = (JArray)XapiHttp.Parse(Read(zip, "statements.json"));
        Assert.Equal("lrs-learner-export/1", (string?)manifest["format"]);
        Assert.Equal(mine, statements.Select(s => Guid.Parse((string)s["id"]!)));
        Assert.Equal(3, (int)manifest["statements"]!["count"]!);
        Assert.Equal("{\"theme\":\"dark\"}", Read(zip, "agent-profiles/preferences"));
        Assert.Equal("keep going", Read(zip, "agent-profiles/notes%2F2026%20plan"));
        Assert.Contains(manifest["agentProfiles"]!, p => (string?)p["profileId"] == "notes/2026 plan" && ((string?)p["contentType"])!.StartsWith("text/plain", StringComparison.Ordinal));

        await using var fresh = new TestLrs();
        using var target = fresh.Client();
        using var posted = await target.PostStatementsAsync(statements);
        var body = await posted.Content.ReadAsStringAsync(Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.OK, $"{(int)posted.StatusCode} {body}");
        Assert.Equal(mine, ((JArray)XapiHttp.Parse(body)).Select(t => Guid.Parse((string)t!)));
        var copied = await target.GetStatementAsync(mine[0]);
        Assert.Equal(mbox, (string?)copied["actor"]!["mbox"]);
    }

    [Fact]
    public async Task An_export_without_an_agent_or_with_a_malformed_one_is_a_400_naming_it()
    {
        using var manager = (await lrs.SignedInAsAsync(DashboardRoles.Manager)).Client;

        using var missing = await manager.GetResponseAsync("/api/learner/export");
        using var malformed = await manager.GetResponseAsync("/api/learner/export?agent=" + XapiHttp.Q("{\"mbox\":\"nobody\"}"));

        Assert.Equal("agent", (string?)(await missing.ErrorAsync(HttpStatusCode.BadRequest))["field"]);
        Assert.Equal("agent", (string?)(await malformed.ErrorAsync(HttpStatusCode.BadRequest))["field"]);
    }

    [Fact]
    public async Task A_manager_exports_any_learner_and_a_learner_gets_403_for_anyone_else()
    {
        var (learner, _) = await LearnerAsync();
        using var manager = (await lrs.SignedInAsAsync(DashboardRoles.Manager)).Client;
        var someone = Statements.Agent(Statements.NewMbox());
        using var basic = lrs.Client();
        await basic.StoreAsync(Statements.Make(Statements.NewActivity(), (string)someone["mbox"]!));

        using var byManager = await manager.GetResponseAsync("/api/learner/export?agent=" + XapiHttp.Q(someone));
        using var byLearner = await learner.GetResponseAsync("/api/learner/export?agent=" + XapiHttp.Q(someone));

        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        using var zip = new ZipArchive(await byManager.Content.ReadAsStreamAsync(Ct));
        Assert.Single((JArray)XapiHttp.Parse(Read(zip, "statements.json")));
        await byLearner.ErrorAsync(HttpStatusCode.Forbidden);
    }

    private static async Task PutProfileAsync(HttpClient client, JObject agent, string profileId, string content, string contentType)
    {
        using var response = await client.PutAsync($"/xapi/agents/profile?agent={XapiHttp.Q(agent)}&profileId={XapiHttp.Q(profileId)}",
            new StringContent(content, Encoding.UTF8, contentType), Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static string Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is not in the zip: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
