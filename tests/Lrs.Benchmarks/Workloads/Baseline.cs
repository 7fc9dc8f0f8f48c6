namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    /// <summary>The raw phases after the pre-load, in the order the raw file grows through them.</summary>
    private enum RawPhase
    {
        OneRowPerTransaction,
        Rows100PerTransaction,
        Rows1000PerTransaction,
    }

    /// <summary>This size's raw phases not yet run; <see cref="RawBeforeAsync"/> runs them as their workloads come.</summary>
    private readonly Queue<RawPhase> _rawPending = new();

    private string RawDirectory(string label) => Path.Combine(options.Work, $"raw-{label}");

    private string RawFile(string label) => Path.Combine(RawDirectory(label), "raw.db");

    /// <summary>
    /// The raw baseline's first phase: the pre-load in transactions of 1,000 (W6's baseline), on a raw file that then
    /// grows as the LRS's does. Its other phases run later, each just before the workload it is the baseline of
    /// (<see cref="RawBeforeAsync"/>): run all at the start, W2's ratio compared minutes a quarter of an hour apart, and the
    /// raw rates of this two-core machine moved by up to half between runs (run y's batched rates were 25-55% above any
    /// run before while the LRS's W2 rates were the run before's), which the ratio is there to cancel.
    /// </summary>
    private void StartBaseline(Dataset dataset, string label)
    {
        _rawPending.Clear();
        DeleteDirectory(RawDirectory(label));
        Directory.CreateDirectory(RawDirectory(label));
        using var raw = new RawBaseline(RawFile(label));
        _rawImport = Measure("raw", $"pre-load of {label}, 1,000 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.PreloadPath), 1000));
        foreach (var phase in Enum.GetValues<RawPhase>())
        {
            _rawPending.Enqueue(phase);
        }
    }

    /// <summary>
    /// Runs the raw phases still owed up to the one <paramref name="workload"/> (W1 or W2) is compared with, in the
    /// file's order: W1's one row per transaction, then W2's 100 and 1,000 per transaction, once the servers have
    /// finished what the workload before left them (the projection catching up, the log's checkpoint), so that the
    /// raw loop does not share the cores with them. Nothing happens without a baseline (--no-raw).
    /// </summary>
    private async Task RawBeforeAsync(string workload, Deployment deployment, Dataset dataset, string label)
    {
        var last = workload == "W1" ? RawPhase.OneRowPerTransaction : RawPhase.Rows1000PerTransaction;
        if (_rawPending.Count == 0 || _rawPending.Peek() > last)
        {
            return;
        }

        var quiet = await WaitForQuietAsync(deployment);
        Console.WriteLine($"== {label}: raw SQLite baseline before {workload} (load {ProcessMemory.LoadAverage():F1}; {quiet})");
        using var raw = new RawBaseline(RawFile(label));
        raw.LoadKeys();
        while (_rawPending.Count > 0 && _rawPending.Peek() <= last)
        {
            switch (_rawPending.Dequeue())
            {
                case RawPhase.OneRowPerTransaction:
                    _rawSingle = Measure("raw", "one row per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, 0, options.RawSingleRows), 1));
                    break;
                case RawPhase.Rows100PerTransaction:
                    _raw100 = Measure("raw", "100 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, options.Batches100Offset, options.BatchedStatements), 100));
                    break;
                default:
                    _raw1000 = Measure("raw", "1,000 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, options.Batches1000Offset, options.BatchedStatements), 1000));
                    break;
            }
        }
    }

    /// <summary>
    /// Waits until the servers used under 5% of a core over a second, at most 30 s; says how long it waited, or that
    /// they never went quiet.
    /// </summary>
    private static async Task<string> WaitForQuietAsync(Deployment deployment)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = CpuTime(deployment);
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuTime(deployment);
            if (now - before < TimeSpan.FromMilliseconds(50))
            {
                return $"servers quiet after {clock.Elapsed.TotalSeconds:F0} s";
            }

            before = now;
        }

        return "servers still busy after 30 s";
    }

    private static TimeSpan CpuTime(Deployment deployment) => deployment.Lrs.CpuTime + (deployment.Dashboard?.CpuTime ?? TimeSpan.Zero);

    private long Measure(string id, string workload, string label, Func<double> insert)
    {
        var load = ProcessMemory.LoadAverage();
        var rate = insert();
        _report.Add(new Figure
        {
            Id = id,
            Workload = workload,
            Size = label,
            Value = rate,
            Unit = "rows/s",
            LoadStart = load,
            LoadEnd = ProcessMemory.LoadAverage(),
        });
        return (long)rate;
    }
}
