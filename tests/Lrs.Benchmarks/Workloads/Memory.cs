using System.Globalization;
using System.Text.Json;

namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    private const long RssLimitKb = 300 * 1024;

    /// <summary>W5: the server's peak resident memory since it started.</summary>
    private void PeakSoFar(ServerProcess server, string label, string workload)
    {
        var peak = server.Memory.PeakSinceResetKb;
        _report.Add(new Figure
        {
            Id = "W5",
            Workload = workload,
            Size = label,
            Value = peak / 1024.0,
            Unit = "MB",
            Target = "<= 300 MB",
            Met = peak <= RssLimitKb,
            LoadStart = ProcessMemory.LoadAverage(),
            LoadEnd = ProcessMemory.LoadAverage(),
        });
    }

    /// <summary>The server's peak while its projection caught up on the imported store (from its start).</summary>
    private void CatchUpPeak(ServerProcess server, string label)
    {
        var load = ProcessMemory.LoadAverage();
        _report.Add(new Figure
        {
            Id = "info",
            Workload = "server peak RSS from start through the projection's catch-up",
            Size = label,
            Value = server.Memory.PeakKb / 1024.0,
            Unit = "MB",
            LoadStart = load,
            LoadEnd = load,
        });
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

    /// <summary>W5: the SQLite file (WAL checkpointed when the server stopped) over the statements it holds; the DuckDB projection apart.</summary>
    private void DiskPerStatement(string dataDir, string label)
    {
        var count = Scalar(dataDir, "SELECT count(*) FROM statements");
        var sqlite = Directory.GetFiles(dataDir, "lrs.db*").Sum(f => new FileInfo(f).Length);
        var duck = Directory.GetFiles(dataDir, "analytics.duckdb*").Sum(f => new FileInfo(f).Length);
        var perStatement = (double)sqlite / count;
        var load = ProcessMemory.LoadAverage();
        _report.Add(new Figure
        {
            Id = "W5",
            Workload = string.Create(CultureInfo.InvariantCulture, $"disk per stored statement (lrs.db {sqlite >> 20} MB for {count:N0}; analytics.duckdb {(double)duck / count:F0} B/statement more)"),
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
