namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    private const string Topic = "https://lms.example.org/courses/safety-at-work";

    /// <summary>W4: the topic summary (hand-off metrics of one topic), the overview series and the topic list, one client.</summary>
    private async Task<int> AnalyticsAsync(ServerProcess server, HttpClient http, string label)
    {
        var limit = label.EndsWith('M') && label != "1M" ? 1000 : 250;
        var failures = 0;
        foreach (var (name, path) in new[]
        {
            ("analytics topic summary", "api/analytics/topic?id=" + Uri.EscapeDataString(Topic)),
            ("analytics overview series (weekly, all topics)", "api/analytics/weekly"),
            ("analytics topic list", "api/analytics/topics"),
        })
        {
            var uri = new Uri(server.BaseUri, path);
            await HttpDriver.RunAsync(http, 1, 1, _ => HttpDriver.Xapi(HttpMethod.Get, uri)); // warm-up, unmeasured
            var load = ProcessMemory.LoadAverage();
            var run = await HttpDriver.RunAsync(http, 1, options.AnalyticsRepeats, _ => HttpDriver.Xapi(HttpMethod.Get, uri));
            var p95 = run.Percentile(95);
            failures += AddTimed(run, new Figure
            {
                Id = "W4",
                Workload = name,
                Size = label,
                Value = run.Requests / run.Elapsed.TotalSeconds,
                Unit = "requests/s",
                Target = $"p95 <= {limit} ms",
                Met = p95 <= limit,
                LoadStart = load,
            });
        }

        return failures;
    }
}
