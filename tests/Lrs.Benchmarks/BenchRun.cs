using System.Globalization;
using Lrs.Benchmarks.Micro;
using Microsoft.Data.Sqlite;

namespace Lrs.Benchmarks;

/// <summary>
/// A whole run, per dataset size: the raw baseline's pre-load first, then the LRS on the same statements (W6 import,
/// then the server on the imported store for W3, W4, W1, W2, W5 and W7, the raw phases W1 and W2 are compared with
/// run just before each), then the table. Each size gets fresh data directories.
/// </summary>
public sealed partial class BenchRun(BenchOptions options)
{
    private readonly Report _report = new();

    private long _rawSingle, _raw100, _raw1000, _rawImport;

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(options.Work);
        _report.Machine["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        _report.Machine["memoryMB"] = (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20).ToString(CultureInfo.InvariantCulture);
        _report.Machine["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        _report.Machine["runtime"] = Environment.Version.ToString();
        _report.Machine["started"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture);
        _report.Machine["mode"] = options.Smoke ? "smoke" : "full";

        var failures = 0;
        foreach (var size in options.Sizes)
        {
            failures += await RunSizeAsync(size);
        }

        CompareSizes();
        _report.Machine["finished"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture);
        _report.Save(options.Work);
        Console.WriteLine();
        Console.WriteLine(_report.Markdown());
        Console.WriteLine($"results: {Path.Combine(options.Work, "results.json")} and results.md");

        if (options.Smoke)
        {
            // The micro benchmarks once each, so they cannot rot either.
            MicroBenchmarks.Run([], dry: true);
        }

        if (failures > 0)
        {
            Console.Error.WriteLine($"{failures} requests failed: the tool or the server is broken (see the logs in {options.Work})");
            return 1;
        }

        return 0;
    }

    private async Task<int> RunSizeAsync(long size)
    {
        var label = BenchOptions.Label(size);
        var dataset = Dataset.Ensure(options.Work, size, options.WritePool, options.Smoke, Console.Out);
        if (!options.NoRaw && (options.Runs("W1") || options.Runs("W2") || options.Runs("W6")))
        {
            Console.WriteLine($"== {label}: raw SQLite baseline, pre-load (load {ProcessMemory.LoadAverage():F1})");
            StartBaseline(dataset, label);
        }

        var dataDir = Path.Combine(options.Work, $"lrs-{label}");
        var reuse = options.Reuse && File.Exists(Path.Combine(dataDir, "lrs.db"));
        if (!reuse)
        {
            DeleteDirectory(dataDir);
            Directory.CreateDirectory(dataDir);
        }

        var dashboardDir = Path.Combine(options.Work, $"dashboard-{label}");
        var log = Path.Combine(options.Work, $"server-{label}.log");
        File.Delete(log);
        var failures = 0;
        try
        {
            if (reuse)
            {
                Console.WriteLine($"== {label}: reusing the store in {dataDir} (no import, no W6)");
            }
            else
            {
                Console.WriteLine($"== {label}: W6 import");
                failures += await ImportAsync(dataset, dataDir, log, label);
            }

            Console.WriteLine(options.Split
                ? $"== {label}: the LRS on the imported store and a dashboard process following it over xAPI"
                : $"== {label}: server on the imported store");
            DeleteDirectory(dashboardDir);
            if (options.Split)
            {
                Directory.CreateDirectory(dashboardDir);
            }

            await using (var deployment = await Deployment.StartAsync(options.Split, dataDir, dashboardDir, log))
            {
                var server = deployment.Lrs;
                using var http = HttpDriver.Client(options.PostClients);
                await CatchUpAsync(deployment, http, dataDir, label, measure: true, reused: reuse);

                if (reuse && (options.Runs("W1") || options.Runs("W2")))
                {
                    await WarnIfWritesHeldAsync(server, http, dataset);
                }

                // The catch-up of a freshly imported store is a one-off before the workloads: its peak is reported on
                // its own, and W5's peaks count from here.
                CatchUpPeak(deployment, label);
                deployment.ResetPeaks();
                var window = QueryWindow(size);
                var since = StoredAt(dataDir, size - window);
                failures += options.Runs("W3") ? await QueriesAsync(server, http, dataset, since, window, label) : 0;
                failures += options.Runs("W4") ? await AnalyticsAsync(deployment.Analytics, http, label) : 0;
                if (options.Runs("W1"))
                {
                    await RawBeforeAsync("W1", deployment, dataset, label);
                }

                failures += options.Runs("W1") ? await WithLagAsync(deployment, http, dataDir, label, "W1", () => SinglePostsAsync(server, http, dataset, label)) : 0;
                if (options.Runs("W5"))
                {
                    PeakSoFar(deployment, label, "through W3, W4, W1 (from the end of the catch-up; before W2's batches)");
                }

                if (options.Runs("W2"))
                {
                    await RawBeforeAsync("W2", deployment, dataset, label);
                }

                failures += options.Runs("W2") ? await WithLagAsync(deployment, http, dataDir, label, "W2", () => BatchesAsync(server, http, dataset, label)) : 0;
                if (options.Runs("W5"))
                {
                    PeakSoFar(deployment, label, "through W1-W4 (from the end of the catch-up)");
                    await CatchUpAsync(deployment, http, dataDir, label, measure: false);
                    failures += await StreamAllAsync(server, http, label);
                }

                // After W5's figures, which count the server's memory through W1-W4 only.
                failures += options.Runs("W7") ? await DocumentsAsync(server, http, dataset, label) : 0;
            }

            if (options.Runs("W5"))
            {
                DiskPerStatement(dataDir, options.Split ? dashboardDir : dataDir, label); // split: the dashboard holds the projection
            }
        }
        finally
        {
            DeleteDirectory(dashboardDir); // rebuilt over xAPI by every split run
            DeleteDirectory(RawDirectory(label));
            _rawPending.Clear();
            if (!options.Keep)
            {
                DeleteDirectory(dataDir);
            }
        }

        return failures;
    }

    private static void DeleteDirectory(string path)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>
    /// How many of the pre-loaded statements W3's "since" leaves to match: half the store, at most 500,000. Fixed from
    /// 1M up so the 10M/1M ratio is about the store's size more than the answer's: with half the store (the rule
    /// before) 300 sampled queries returned 4.0 statements on average at 1M and 40.3 at 10M, and 10M's p99 was 3.1x
    /// 1M's mostly for writing ten times the statements; with 500,000, 200 returned 5.1 and 10.8 (a learner's recent
    /// statements bunch on fewer verbs).
    /// </summary>
    private static long QueryWindow(long size) => Math.Min(size / 2, 500_000);

    /// <summary>The stored instant (RFC 3339) of the first statement at or after a feed position, read from the file.</summary>
    private static string StoredAt(string dataDir, long position)
    {
        using var connection = ReadOnly(dataDir);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT stored FROM statements WHERE seq >= $p ORDER BY seq LIMIT 1";
        command.Parameters.AddWithValue("$p", position);
        var ms = (long)command.ExecuteScalar()!;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static SqliteConnection ReadOnly(string dataDir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "lrs.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(string dataDir, string sql)
    {
        using var connection = ReadOnly(dataDir);
        return Query(connection, sql, null);
    }

    private void CompareSizes()
    {
        var plain = _report.Figures.Where(f => f.Id == "W3" && f.Workload.StartsWith("GET agent+verb+since", StringComparison.Ordinal)).ToList();
        var oneM = plain.FirstOrDefault(f => f.Size == "1M");
        var tenM = plain.FirstOrDefault(f => f.Size == "10M");
        if (oneM?.P99Ms is { } a && tenM?.P99Ms is { } b)
        {
            _report.Add(new Figure
            {
                Id = "W3",
                Workload = "p99 at 10M / p99 at 1M (plain query)",
                Size = "10M/1M",
                Value = b / a,
                Unit = "x",
                Target = "<= 1.5x",
                Met = b / a <= 1.5,
                LoadStart = tenM.LoadStart,
                LoadEnd = tenM.LoadEnd,
            });
        }
    }
}
