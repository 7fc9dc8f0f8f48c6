using System.Globalization;

namespace Lrs.Benchmarks;

/// <summary>What to run: the dataset sizes, how much of each workload, where files go.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Lrs.Benchmarks -- [--sizes 100k,1M,10M] [--work DIR] [--keep]
               dotnet run -c Release --project tests/Lrs.Benchmarks -- --smoke
               dotnet run -c Release --project tests/Lrs.Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter '*']
          --sizes  statements pre-loaded for W3-W6 (default 1M); each size is a full run of W1-W7
                   (W7, ours: State documents, alone and beside statement POSTs)
          --work   datasets, data directories and results (default artifacts/bench)
          --keep   keep the data directories afterwards (datasets are always kept: generating them is slow)
          --reuse  start the server on the store an earlier --keep run left for this size (no import, no W6: a 10M
                   import takes half an hour); implies --keep. For W3 and W4: the write workloads of a second run
                   would post statements the first one stored
          --only   run only these workloads, e.g. W1,W3 (the import that pre-loads the store always runs)
          --no-raw skip the raw SQLite baseline (minutes at 1M): for probing the server's own figures, such as its
                   memory, between two builds; the table then has no ratios
          --split  two processes, as the compose file deploys them: the LRS alone (LRS_ROLE=lrs) for W1-W3 and W5's
                   reads, and the dashboard (LRS_ROLE=dashboard, a data directory of its own, following the LRS over
                   xAPI) for W4; W5 then reports each process's peak and the peak of the two together
          --lag    sample the analytics projection's lag behind the store once a second through W1 and W2 (an info
                   row each); off by default because the samples are dashboard requests, which change the server's
                   memory while W2 runs (W5's peak after W2)
          --smoke  a tiny dataset, every workload once, the micro benchmarks as a dry run: proves the tool works
        """;

    public required IReadOnlyList<long> Sizes { get; init; }

    public required string Work { get; init; }

    public bool Smoke { get; init; }

    public bool Keep { get; init; }

    /// <summary>Start on the store a kept earlier run imported, when there is one, instead of importing again.</summary>
    public bool Reuse { get; init; }

    /// <summary>The workloads to run (W1..W7); all when empty.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The LRS and the dashboard as two processes (<c>--split</c>) instead of the default single one.</summary>
    public bool Split { get; init; }

    /// <summary>No raw baseline (<c>--no-raw</c>), so no ratios.</summary>
    public bool NoRaw { get; init; }

    /// <summary>Sample the projection's lag through W1 and W2 (<c>--lag</c>).</summary>
    public bool Lag { get; init; }

    public bool Runs(string workload) => Only.Count == 0 || Only.Contains(workload);

    /// <summary>Single-statement POSTs of W1 (and rows of the raw one-per-transaction baseline).</summary>
    public int SinglePosts => Smoke ? 200 : 30_000;

    public int RawSingleRows => Smoke ? 50 : 3_000;

    /// <summary>
    /// The rate of W1's and W3's paced runs: the throughput their targets ask for, at which their p99 targets are judged
    /// too (see <see cref="HttpDriver.RunPacedAsync"/>).
    /// </summary>
    public double PacedRate => 2_000;

    /// <summary>Single-statement POSTs of W1's paced run, taken after the warm-up's in the pool (10 s at the paced rate).</summary>
    public int PacedPosts => Smoke ? 100 : 20_000;

    /// <summary>Requests of W3's paced run (the plain query; 5 s at the paced rate).</summary>
    public int PacedQueries => Smoke ? 40 : 10_000;

    /// <summary>
    /// Statements posted unmeasured before W1 (JIT tiers, pools, B-tree pages), taken after those of W1 and W2 in the
    /// pool. 1,000 left the server's code half-tiered on a fresh start: W1 2,431/s, p95 31 ms; after 10,000, 3,033/s
    /// and p95 23 ms on the same store and code (2026-11-29).
    /// </summary>
    public int WarmUpPosts => Smoke ? 20 : 10_000;

    /// <summary>Statements sent by W2 at each batch size.</summary>
    public int BatchedStatements => Smoke ? 2_000 : 100_000;

    // The write pool, in order: W1's posts, W2's batches of 100, W2's batches of 1,000, W1's warm-up, W1's paced posts.

    /// <summary>Where W2's batches of 100 (and the raw baseline's 100 rows per transaction) start in the write pool.</summary>
    public int Batches100Offset => SinglePosts;

    /// <summary>Where W2's batches of 1,000 (and the raw baseline's 1,000 rows per transaction) start in the write pool.</summary>
    public int Batches1000Offset => Batches100Offset + BatchedStatements;

    /// <summary>Where W1's warm-up posts start in the write pool.</summary>
    public int WarmUpOffset => Batches1000Offset + BatchedStatements;

    /// <summary>Where W1's paced posts start in the write pool.</summary>
    public int PacedOffset => WarmUpOffset + WarmUpPosts;

    /// <summary>Statements in the write pool.</summary>
    public int WritePool => PacedOffset + PacedPosts;

    /// <summary>W7's State PUTs alone (and GETs after them); half as many again beside as many statement POSTs.</summary>
    public int StatePuts => Smoke ? 200 : 20_000;

    /// <summary>Requests per W3 query variant.</summary>
    public int Queries => Smoke ? 40 : 6_000;

    public int AnalyticsRepeats => Smoke ? 2 : 15;

    public int QueryClients => 16;

    public int PostClients => 32;

    public int BatchClients => 4;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var sizes = new List<long> { 1_000_000 };
        string? work = null;
        bool smoke = false, keep = false, reuse = false, split = false, noRaw = false, lag = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--reuse":
                    reuse = keep = true;
                    break;
                case "--split":
                    split = true;
                    break;
                case "--no-raw":
                    noRaw = true;
                    break;
                case "--lag":
                    lag = true;
                    break;
                case "--sizes" when i + 1 < args.Length:
                    sizes = [];
                    foreach (var s in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (ParseSize(s) is not { } n)
                        {
                            error = $"bad size '{s}' (e.g. 100k, 1M, 10M)";
                            return null;
                        }

                        sizes.Add(n);
                    }

                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--work" when i + 1 < args.Length:
                    work = Path.GetFullPath(args[++i]);
                    break;
                case "--help" or "-h":
                    error = "";
                    return null;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return null;
            }
        }

        return new BenchOptions { Sizes = smoke ? [2_000] : sizes, Work = work ?? Path.Combine(RepoRoot(), "artifacts", "bench"), Smoke = smoke, Keep = keep, Reuse = reuse, Split = split, NoRaw = noRaw, Lag = lag, Only = only };
    }

    public static long? ParseSize(string s)
    {
        var multiplier = char.ToUpperInvariant(s[^1]) switch { 'K' => 1_000L, 'M' => 1_000_000L, _ => 1L };
        var digits = multiplier == 1 ? s : s[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n * multiplier : null;
    }

    public static string Label(long size) => size switch
    {
        >= 1_000_000 when size % 1_000_000 == 0 => (size / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M",
        >= 1_000 when size % 1_000 == 0 => (size / 1_000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => size.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The repository: the directory above this tool holding Lrs.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lrs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from the repository (no Lrs.sln above " + AppContext.BaseDirectory + ")");
    }
}
