using System.Globalization;
using System.Text.Json;

namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    private const long RssLimitKb = 300 * 1024;

    /// <summary>
    /// W5: the peak resident memory since the end of the catch-up: of the one server, or, split, of each process against
    /// the target and of the two together for information.
    /// </summary>
    private void PeakSoFar(Deployment deployment, string label, string phase)
    {
        if (deployment.Dashboard is not { } dashboard)
        {
            AddPeak("W5", "server peak RSS " + phase, deployment.Lrs.Memory.PeakSinceResetKb, label);
            return;
        }

        AddPeak("W5", "LRS process (LRS_ROLE=lrs) peak RSS " + phase, deployment.Lrs.Memory.PeakSinceResetKb, label);
        AddPeak("W5", "dashboard process (LRS_ROLE=dashboard) peak RSS " + phase, dashboard.Memory.PeakSinceResetKb, label);
        AddPeak("info", "the two processes together, peak of their summed RSS " + phase, deployment.SummedPeakKb, label);
    }

    private void AddPeak(string id, string workload, long peakKb, string label)
    {
        var load = ProcessMemory.LoadAverage();
        _report.Add(new Figure
        {
            Id = id,
            Workload = workload,
            Size = label,
            Value = peakKb / 1024.0,
            Unit = "MB",
            Target = id == "W5" ? "<= 300 MB" : "",
            Met = id == "W5" ? peakKb <= RssLimitKb : null,
            LoadStart = load,
            LoadEnd = load,
        });
    }

    /// <summary>The peaks while the projection caught up on the imported store (from the start of each process).</summary>
    private void CatchUpPeak(Deployment deployment, string label)
    {
        if (deployment.Dashboard is not { } dashboard)
        {
            AddPeak("info", "server peak RSS from start through the projection's catch-up", deployment.Lrs.Memory.PeakKb, label);
            return;
        }

        AddPeak("info", "LRS process peak RSS from start through the dashboard's catch-up", deployment.Lrs.Memory.PeakKb, label);
        AddPeak("info", "dashboard process peak RSS from start through its catch-up over xAPI", dashboard.Memory.PeakKb, label);
    }

    /// <summary>W5: every stored statement read back through GET statements and its more links (500 a page, one client).</summary>
    private async Task<int> StreamAllAsync(ServerProcess server, HttpClient http, string label)
    {
        var load = ProcessMemory.LoadAverage();
        server.Memory.ResetPeak();
        var before = server.Memory.RssKb;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long statements = 0;
        var failures = 0;
        var next = "xapi/statements?limit=500";
        while (!string.IsNullOrEmpty(next))
        {
            using var response = await http.SendAsync(HttpDriver.Xapi(HttpMethod.Get, new Uri(server.BaseUri, next.TrimStart('/'))), HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                failures++;
                Console.WriteLine($"   stream failed at {statements}: {(int)response.StatusCode}");
                break;
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            statements += page.RootElement.GetProperty("statements").GetArrayLength();
            next = page.RootElement.GetProperty("more").GetString();
        }

        var growth = Math.Max(0, server.Memory.PeakSinceResetKb - before);
        _report.Add(new Figure
        {
            Id = "W5",
            Workload = string.Create(CultureInfo.InvariantCulture, $"GET every statement via more links ({statements:N0} in {watch.Elapsed.TotalSeconds:F0} s, {statements / watch.Elapsed.TotalSeconds:N0}/s): RSS growth"),
            Size = label,
            Value = growth / 1024.0,
            Unit = "MB",
            Target = "<= 50 MB",
            Met = growth <= 50 * 1024,
            LoadStart = load,
            LoadEnd = ProcessMemory.LoadAverage(),
            Failures = failures,
        });
        return failures;
    }

    /// <summary>W5: the SQLite file's pages in use (WAL checkpointed when the server stopped) over the statements it holds; the DuckDB projection apart.</summary>
    private void DiskPerStatement(string dataDir, string projectionDir, string label)
    {
        var count = Scalar(dataDir, "SELECT count(*) FROM statements");
        var sqlite = Directory.GetFiles(dataDir, "lrs.db*").Sum(f => new FileInfo(f).Length);

        // The pages in use, not the file: W7's documents, deleted after it, leave their pages free in the file.
        var inUse = Scalar(dataDir, "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()");
        var duck = Directory.GetFiles(projectionDir, "analytics.duckdb*").Sum(f => new FileInfo(f).Length);
        var perStatement = (double)inUse / count;
        var load = ProcessMemory.LoadAverage();
        _report.Add(new Figure
        {
            Id = "W5",
            Workload = string.Create(CultureInfo.InvariantCulture, $"disk per stored statement (lrs.db {sqlite >> 20} MB, {inUse >> 20} MB of it in use, for {count:N0}; analytics.duckdb {(double)duck / count:F0} B/statement more)"),
            Size = label,
            Value = perStatement,
            Unit = "B",
            Target = "<= 1,536 B",
            Met = perStatement <= 1536,
            LoadStart = load,
            LoadEnd = load,
        });
    }
}
