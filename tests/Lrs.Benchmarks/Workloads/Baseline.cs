namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    /// <summary>
    /// The raw rates, on a raw file that grows as the LRS's does: the pre-load in transactions of 1,000 (W6's
    /// baseline), then W1's and W2's statements one per transaction, 100 and 1,000 per transaction.
    /// </summary>
    private void RunBaseline(Dataset dataset, string label)
    {
        var dir = Path.Combine(options.Work, $"raw-{label}");
        DeleteDirectory(dir);
        Directory.CreateDirectory(dir);
        try
        {
            using var raw = new RawBaseline(Path.Combine(dir, "raw.db"));
            _rawImport = Measure("raw", $"pre-load of {label}, 1,000 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.PreloadPath), 1000));
            _rawSingle = Measure("raw", "one row per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, 0, options.RawSingleRows), 1));
            _raw100 = Measure("raw", "100 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, options.Batches100Offset, options.BatchedStatements), 100));
            _raw1000 = Measure("raw", "1,000 rows per transaction", label, () => raw.Insert(Dataset.Lines(dataset.WritesPath, options.Batches1000Offset, options.BatchedStatements), 1000));
        }
        finally
        {
            DeleteDirectory(dir);
        }
    }

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
