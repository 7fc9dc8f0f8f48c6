using System.Globalization;
using System.Text;

namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    /// <summary>
    /// With <c>--reuse</c> on a store an earlier run left behind, W1 and W2 post statements the store already holds: the
    /// LRS then compares each with the stored one instead of writing it, another path at another cost, so those figures
    /// cannot be set beside a full run's. Says so when the first statement W1 posts is already there.
    /// </summary>
    private static async Task WarnIfWritesHeldAsync(ServerProcess server, HttpClient http, Dataset dataset)
    {
        using var first = System.Text.Json.JsonDocument.Parse(Dataset.Lines(dataset.WritesPath, 0, 1).First());
        if (!first.RootElement.TryGetProperty("id", out var id))
        {
            return;
        }

        using var response = await http.SendAsync(HttpDriver.Xapi(HttpMethod.Get, new Uri(server.BaseUri, "xapi/statements?statementId=" + id.GetString())));
        if (response.IsSuccessStatusCode)
        {
            Console.WriteLine("== note: the reused store already holds the statements W1 and W2 post; they measure statements posted again (compared, not written), not new ones");
        }
    }

    /// <summary>W1: single-statement POSTs from 32 keep-alive clients, on top of the pre-loaded store.</summary>
    private async Task<int> SinglePostsAsync(ServerProcess server, HttpClient http, Dataset dataset, string label)
    {
        List<byte[]> Bodies(long skip, int take) => Dataset.Lines(dataset.WritesPath, skip, take).Select(Encoding.UTF8.GetBytes).ToList();
        var bodies = Bodies(0, options.SinglePosts);
        var uri = new Uri(server.BaseUri, "xapi/statements");
        var warmUp = Bodies(options.WarmUpOffset, options.WarmUpPosts);
        await HttpDriver.RunAsync(http, options.PostClients, warmUp.Count, i => HttpDriver.Xapi(HttpMethod.Post, uri, HttpDriver.Json(warmUp[i])));
        var load = ProcessMemory.LoadAverage();
        var run = await HttpDriver.RunAsync(http, options.PostClients, bodies.Count, i => HttpDriver.Xapi(HttpMethod.Post, uri, HttpDriver.Json(bodies[i])));
        var rate = run.Requests / run.Elapsed.TotalSeconds;
        double? ratio = _rawSingle > 0 ? rate / _rawSingle : null;
        var workload = $"single-statement POST, {options.PostClients} clients";
        var failures = AddTimed(run, new Figure
        {
            Id = "W1",
            Workload = workload,
            Size = label,
            Value = rate,
            Unit = "statements/s",
            Ratio = ratio,
            RatioTo = "raw 1 row/tx",
            Target = ">= 2,000/s, p99 < 25 ms, >= 1.0x",
            Met = ratio is null ? null : rate >= 2000 && run.Percentile(99) < 25 && ratio >= 1.0, // no raw baseline (--no-raw): not judged
            LoadStart = load,
        });

        // The same requests at the target's rate instead of as fast as they are answered (fresh statements, after the
        // warm-up's in the pool): the p99 at 2,000 a second, beside the p99 at full speed above.
        var paced = Bodies(options.PacedOffset, options.PacedPosts);
        load = ProcessMemory.LoadAverage();
        run = await HttpDriver.RunPacedAsync(http, options.PostClients, paced.Count, options.PacedRate, i => HttpDriver.Xapi(HttpMethod.Post, uri, HttpDriver.Json(paced[i])));
        return failures + AddPaced(run, "W1", workload, "statements/s", "p99 < 25 ms", run.Percentile(99) < 25, label, load);
    }

    /// <summary>
    /// A paced run's figure: the rate it reached and its latencies, judged by its p99, and by the rate, which falls
    /// short of the pace only when the clients all wait on a server that cannot keep up.
    /// </summary>
    private int AddPaced(HttpRun run, string id, string workload, string unit, string p99Target, bool p99Met, string label, double load)
    {
        var rate = run.Requests / run.Elapsed.TotalSeconds;
        return AddTimed(run, new Figure
        {
            Id = id,
            Workload = string.Create(CultureInfo.InvariantCulture, $"paced at {options.PacedRate:N0}/s: {workload} (waited to be sent, for a free client or a core: p99 {HttpRun.Percentile(run.LateMs ?? [], 99):F1} ms)"),
            Size = label,
            Value = rate,
            Unit = unit,
            Target = string.Create(CultureInfo.InvariantCulture, $"{p99Target} at {options.PacedRate:N0}/s"),
            Met = p99Met && rate >= 0.95 * options.PacedRate,
            LoadStart = load,
        });
    }

    /// <summary>W2: batches of 100, then of 1,000, from 4 clients.</summary>
    private async Task<int> BatchesAsync(ServerProcess server, HttpClient http, Dataset dataset, string label)
    {
        var failures = 0;
        foreach (var (batch, skip, raw) in new[] { (100, options.Batches100Offset, _raw100), (1000, options.Batches1000Offset, _raw1000) })
        {
            var bodies = Dataset.Lines(dataset.WritesPath, skip, options.BatchedStatements)
                .Chunk(batch)
                .Select(lines => Encoding.UTF8.GetBytes("[" + string.Join(',', lines) + "]"))
                .ToList();
            var uri = new Uri(server.BaseUri, "xapi/statements");
            var load = ProcessMemory.LoadAverage();
            var run = await HttpDriver.RunAsync(http, options.BatchClients, bodies.Count, i => HttpDriver.Xapi(HttpMethod.Post, uri, HttpDriver.Json(bodies[i])));
            var rate = options.BatchedStatements / run.Elapsed.TotalSeconds;
            double? ratio = raw > 0 ? rate / raw : null;
            failures += AddTimed(run, new Figure
            {
                Id = "W2",
                Workload = $"POST batches of {batch:N0}, {options.BatchClients} clients",
                Size = label,
                Value = rate,
                Unit = "statements/s",
                Ratio = ratio,
                RatioTo = $"raw {batch:N0} rows/tx",
                Target = ">= 0.7x",
                Met = ratio is null ? null : ratio >= 0.7,
                LoadStart = load,
            });
        }

        return failures;
    }

    /// <summary>
    /// Adds a figure timed by an HTTP run: its latency percentiles, its failures and the load average now, at the run's
    /// end. Prints the run's first failure; returns the number of failed requests.
    /// </summary>
    private int AddTimed(HttpRun run, Figure figure)
    {
        _report.Add(figure with
        {
            P50Ms = run.Percentile(50),
            P95Ms = run.Percentile(95),
            P99Ms = run.Percentile(99),
            LoadEnd = ProcessMemory.LoadAverage(),
            Failures = run.Failures,
        });
        if (run.FirstFailure is not null)
        {
            Console.WriteLine($"   first failure: {run.FirstFailure}");
        }

        return run.Failures;
    }
}
