using System.Collections.Concurrent;
using System.Net;
using Lrs.Server.Auth;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>
/// Statements real software emits (Moodle, Open edX, cmi5, H5P, ADL examples; see SOURCES.md in the corpus) are
/// accepted one by one; those of the *-invalid files, which break a MUST of the spec, get 400 naming the rule. The
/// corpus is other projects' work and stays outside this repository: LRS_REAL_WORLD_DIR, or
/// ../shared/data/real-world-statements next to the repository.
/// </summary>
public sealed class RealWorldStatementTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private sealed record Sample(string File, int Index, JObject Statement, string Version);

    private static string CorpusDirectory() =>
        Environment.GetEnvironmentVariable("LRS_REAL_WORLD_DIR") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "real-world-statements"));

    /// <summary>
    /// Every statement of the corpus. Some sources give one id to different statements (Open edX variants, cmi5
    /// scenarios); those are sent without their id, since what is tested here is acceptance, not conflict handling.
    /// </summary>
    private static List<Sample> Load(bool invalid)
    {
        var dir = CorpusDirectory();
        if (!Directory.Exists(dir))
        {
            Assert.Skip($"the real-world statement corpus is not at {dir} (set LRS_REAL_WORLD_DIR to run this test)");
        }

        var all = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal)
            .SelectMany(file => ((JArray)XapiHttp.Parse(File.ReadAllText(file))).Select((s, i) => new Sample(
                Path.GetFileName(file), i, (JObject)s,
                // The 2.0 file holds contextAgents / contextGroups, which only a 2.0 request may send.
                Path.GetFileName(file).Contains("xapi-2.0", StringComparison.Ordinal) ? "2.0.0" : "1.0.3")))
            .ToList();
        Assert.NotEmpty(all);

        var reused = all.Where(s => s.Statement["id"] is not null)
            .GroupBy(s => (string)s.Statement["id"]!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Skip(1).Any(s => !JToken.DeepEquals(s.Statement, g.First().Statement)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var sample in all.Where(s => s.Statement["id"] is { } id && reused.Contains((string)id!)))
        {
            sample.Statement.Remove("id");
        }

        return all.Where(s => s.File.Contains("-invalid.", StringComparison.Ordinal) == invalid).ToList();
    }

    /// <summary>Posts every sample (a few at a time, as LMSs do) and returns the status and body of each.</summary>
    private async Task<List<(Sample Sample, HttpStatusCode Status, string Body)>> PostAllAsync(List<Sample> samples, string key, string secret)
    {
        using var v1 = lrs.ClientFor(key, secret, "1.0.3");
        using var v2 = lrs.ClientFor(key, secret, "2.0.0");
        var results = new ConcurrentBag<(Sample, HttpStatusCode, string)>();
        await Parallel.ForEachAsync(samples, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (sample, token) =>
        {
            using var response = await (sample.Version == "2.0.0" ? v2 : v1).PostAsync("/xapi/statements", XapiHttp.Json(sample.Statement), token);
            results.Add((sample, response.StatusCode, await response.Content.ReadAsStringAsync(token)));
        });
        return [.. results];
    }

    [Fact]
    public async Task Every_statement_of_the_valid_sources_is_accepted_and_can_be_read_back()
    {
        var samples = Load(invalid: false);

        // A credential of its own, which reads back only what it stored (statements/read/mine).
        var (key, secret) = await lrs.CreateCredentialAsync(Scopes.StatementsWrite, Scopes.StatementsReadMine);

        var results = await PostAllAsync(samples, key, secret);

        var wrong = results
            .Where(r => r.Status != HttpStatusCode.OK)
            .Select(r => $"{r.Sample.File}[{r.Sample.Index}]: {(int)r.Status} {r.Body}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {samples.Count} not answered as expected:\n" + string.Join('\n', wrong));

        // Voided statements leave queries; everything else acknowledged must come back.
        var acknowledged = results.SelectMany(r => ((JArray)XapiHttp.Parse(r.Body)).Select(t => Guid.Parse((string)t!))).ToHashSet();
        var voided = samples.Where(s => (string?)s.Statement["verb"]?["id"] == Statements.Voided)
            .Select(s => Guid.Parse((string)s.Statement["object"]!["id"]!)).ToHashSet();
        using var client = lrs.ClientFor(key, secret);
        var stored = new List<Guid>();
        for (var uri = "/xapi/statements?limit=0"; !string.IsNullOrEmpty(uri);)
        {
            using var response = await client.GetResponseAsync(uri);
            var page = (JObject)await response.ReadJsonAsync();
            stored.AddRange(((JArray)page["statements"]!).Select(s => Guid.Parse((string)s["id"]!)));
            uri = (string?)page["more"];
        }

        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(acknowledged.Except(voided).ToHashSet(), stored.ToHashSet());
    }

    [Fact]
    public async Task Every_statement_of_the_invalid_sources_gets_400_naming_the_field_and_the_rule()
    {
        var samples = Load(invalid: true);
        Assert.NotEmpty(samples);

        var results = await PostAllAsync(samples, TestLrs.BootstrapKey, TestLrs.BootstrapSecret);

        var wrong = new List<string>();
        foreach (var (sample, status, body) in results)
        {
            var error = status == HttpStatusCode.BadRequest ? XapiHttp.Parse(body)["error"] : null;
            if (error is null || string.IsNullOrEmpty((string?)error["field"]) || string.IsNullOrEmpty((string?)error["rule"]))
            {
                wrong.Add($"{sample.File}[{sample.Index}]: {(int)status} {body}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {samples.Count} not refused with a field and a rule:\n" + string.Join('\n', wrong));
    }
}
