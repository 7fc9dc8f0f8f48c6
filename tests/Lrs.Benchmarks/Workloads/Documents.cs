using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    /// <summary>Part of W7's state ids, so a run on a kept store (<c>--reuse</c>) creates documents of its own.</summary>
    private readonly string _documentsRun = Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// W7 (ours: the issue names no document workload): the State API as course content uses it. cmi5 and SCORM content
    /// keeps its place in a State document and reads it back when it resumes, while it and every other tool post
    /// statements. Three parts: State PUTs alone, GETs of what they wrote, and PUTs beside single-statement POSTs, where
    /// documents and statements share the store's one writer. Then its documents are deleted (State DELETE of each
    /// scope), so that W5's disk per statement, taken after it, counts statements only.
    /// </summary>
    private async Task<int> DocumentsAsync(ServerProcess server, HttpClient http, Dataset dataset, string label)
    {
        var failures = 0;
        var puts = options.StatePuts;
        var suspendData = "suspend_data-" + _documentsRun;
        var load = ProcessMemory.LoadAverage();
        var run = await HttpDriver.RunAsync(http, options.QueryClients, puts, i => StatePut(server, suspendData, i));
        failures += AddDocuments(run, $"State PUT (new 1 KB JSON document), {options.QueryClients} clients", "documents/s", label, load);

        load = ProcessMemory.LoadAverage();
        run = await HttpDriver.RunAsync(http, options.QueryClients, puts, i => HttpDriver.Xapi(HttpMethod.Get, StateUri(server, suspendData, i)));
        failures += AddDocuments(run, $"State GET of those documents, {options.QueryClients} clients", "requests/s", label, load);

        // W1's statements under new ids, so they are written, not compared with the ones W1 stored.
        var statements = Dataset.Lines(dataset.WritesPath, 0, puts).Select(NewId).ToList();
        var beside = options.QueryClients / 2;
        var bookmark = "bookmark-" + _documentsRun;
        load = ProcessMemory.LoadAverage();
        var documents = HttpDriver.RunAsync(http, beside, puts / 2, i => StatePut(server, bookmark, i));
        var posts = HttpDriver.RunAsync(http, options.QueryClients, statements.Count, i =>
            HttpDriver.Xapi(HttpMethod.Post, new Uri(server.BaseUri, "xapi/statements"), HttpDriver.Json(statements[i])));
        await Task.WhenAll(documents, posts);
        failures += AddDocuments(await documents, $"State PUT, {beside} clients, beside single-statement POSTs", "documents/s", label, load);
        failures += AddDocuments(await posts, $"single-statement POST, {options.QueryClients} clients, beside State PUTs", "statements/s", label, load);

        // One scope per document of the first part; the second part's documents are in the first of them.
        load = ProcessMemory.LoadAverage();
        run = await HttpDriver.RunAsync(http, options.QueryClients, puts, i => HttpDriver.Xapi(HttpMethod.Delete, StateUri(server, null, i)));
        failures += AddDocuments(run, $"State DELETE of every state in each of those documents' scopes, {options.QueryClients} clients", "requests/s", label, load);
        return failures;
    }

    private int AddDocuments(HttpRun run, string workload, string unit, string label, double load) => AddTimed(run, new Figure
    {
        Id = "W7",
        Workload = workload,
        Size = label,
        Value = run.Requests / run.Elapsed.TotalSeconds,
        Unit = unit,
        Target = "none (ours)",
        LoadStart = load,
    });

    /// <summary>
    /// A new document each: learner i mod 2,000 in course i / 2,000, with a registration per pair, created with
    /// If-None-Match: * (a 2.0.0 PUT without a precondition may not replace a document).
    /// </summary>
    private static HttpRequestMessage StatePut(ServerProcess server, string stateId, int i)
    {
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"location":"page-{{i % 40}}","progress":{{i % 100}},"suspend_data":"{{new string((char)('a' + (i % 26)), 960)}}"}"""));
        var message = HttpDriver.Xapi(HttpMethod.Put, StateUri(server, stateId, i), HttpDriver.Json(body));
        message.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        return message;
    }

    /// <summary>A state document's address, or its scope's without <paramref name="stateId"/>.</summary>
    private static Uri StateUri(ServerProcess server, string? stateId, int i)
    {
        var learner = i % 2_000;
        var course = i / 2_000;
        var agent = Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $$"""{"mbox":"mailto:learner{{learner}}@bench.example.com"}"""));
        var activity = Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"http://bench.example.com/courses/{course}"));
        var registration = string.Create(CultureInfo.InvariantCulture, $"{learner:x8}-0000-4000-8000-{course:x12}");
        var state = stateId is null ? "" : "&stateId=" + stateId;
        return new Uri(server.BaseUri, $"xapi/activities/state?activityId={activity}&agent={agent}&registration={registration}{state}");
    }

    private static byte[] NewId(string line)
    {
        var statement = JObject.Parse(line);
        statement["id"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(statement.ToString(Newtonsoft.Json.Formatting.None));
    }
}
