using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Lrs.Analytics.Generator;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Cli;

/// <summary>
/// generate: a seeded synthetic organisation, posted to an LRS through the xAPI (in batches, so it takes the real
/// ingest path) or written as NDJSON (one statement a line).
/// </summary>
public static class GenerateCommand
{
    public const string Usage = """
        usage:
          generate [--seed 1] [--learners 200] [--courses 4] [--weeks 26] [--start 2026-01-05]
                   (--url http://localhost:8080/xapi --key KEY --secret SECRET [--batch 500] | --ndjson FILE)
        about 90 statements per learner with the defaults (200 learners: ~18k statements); the same options always give the same statements.
        people work in teams of about ten (context.team); questions, answers and replies are xAPI 2.0 statements naming
        the team and any practice group in context.contextGroups, posted with X-Experience-API-Version 2.0.0.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var flags = AnalyticsCommands.Flags(args, out var error);
        GeneratorOptions options;
        int batch;
        try
        {
            if (error is not null)
            {
                throw new ArgumentException(error);
            }

            options = new GeneratorOptions
            {
                Seed = Int(flags, "seed", 1),
                Learners = Int(flags, "learners", 200),
                Courses = Int(flags, "courses", 4),
                Weeks = Int(flags, "weeks", 26),
                Start = flags.TryGetValue("start", out var start)
                    ? DateTime.SpecifyKind(DateTime.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc)
                    : new GeneratorOptions().Start,
            };
            options.Validate();
            batch = Int(flags, "batch", 500);
            if (flags.ContainsKey("url") == flags.ContainsKey("ndjson"))
            {
                throw new ArgumentException("give either --url (with --key and --secret) or --ndjson");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await output.WriteLineAsync(e.Message + "\n" + Usage);
            return 2;
        }

        var watch = Stopwatch.StartNew();
        var statements = OrganisationGenerator.Generate(options);
        long count;
        if (flags.TryGetValue("ndjson", out var file))
        {
            count = await WriteNdjsonAsync(statements, file, cancellationToken);
        }
        else
        {
            if (!flags.TryGetValue("key", out var key) || !flags.TryGetValue("secret", out var secret))
            {
                await output.WriteLineAsync("--url needs --key and --secret\n" + Usage);
                return 2;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var posted = await PostAsync(statements, http, new Uri(flags["url"].TrimEnd('/') + "/statements"), key, secret, batch, output, cancellationToken);
            if (posted < 0)
            {
                return 1;
            }

            count = posted;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{count} statements in {watch.Elapsed.TotalSeconds:F1} s ({count / Math.Max(0.001, watch.Elapsed.TotalSeconds):F0}/s)"));
        return 0;
    }

    private static async Task<long> WriteNdjsonAsync(IEnumerable<JObject> statements, string file, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file, append: false, new UTF8Encoding(false));
        long count = 0;
        foreach (var s in statements)
        {
            await writer.WriteLineAsync(XapiJson.Serialize(s).AsMemory(), cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Posts in batches: of each batch, the 1.0.3 statements under the 1.0.3 header, then the 2.0 ones (version 2.0.0)
    /// under 2.0.0. Returns how many were stored, or -1 after printing the LRS's refusal.
    /// </summary>
    internal static async Task<long> PostAsync(IEnumerable<JObject> statements, HttpClient http, Uri url, string key, string secret, int batch, TextWriter output, CancellationToken cancellationToken)
    {
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
        long count = 0;
        foreach (var chunk in statements.Chunk(Math.Max(1, batch)).SelectMany(ByVersion))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(XapiJson.Serialize(new JArray(chunk)), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = auth;
            request.Headers.Add("X-Experience-API-Version", Is2(chunk[0]) ? "2.0.0" : "1.0.3");
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"the LRS refused a batch after {count} statements: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return -1;
            }

            count += chunk.Length;
        }

        return count;
    }

    private static bool Is2(JObject statement) => (string?)statement["version"] == "2.0.0";

    /// <summary>
    /// A batch split by xAPI version. Two posts per batch rather than one per run of a version: the versions interleave
    /// every few statements. The order inside a batch is no figure's concern (timestamps are), and a voided comment and
    /// its voiding statement are both 1.0.3, so they keep their order.
    /// </summary>
    private static IEnumerable<JObject[]> ByVersion(JObject[] chunk) =>
        chunk.GroupBy(Is2).OrderBy(g => g.Key).Select(g => g.ToArray());

    private static int Int(Dictionary<string, string> flags, string name, int fallback) =>
        !flags.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"--{name} must be a whole number");
}
