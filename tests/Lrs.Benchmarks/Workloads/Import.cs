using System.Globalization;

namespace Lrs.Benchmarks;

public sealed partial class BenchRun
{
    /// <summary>W6: the server's import command loads the pre-load into an empty store (a separate process, timed whole).</summary>
    private async Task<int> ImportAsync(Dataset dataset, string dataDir, string log, string label)
    {
        var load = ProcessMemory.LoadAverage();
        var (exit, elapsed, peak) = await ServerProcess.RunCommandAsync(dataDir, log, "import", "--file", dataset.PreloadPath, "--batch", "1000");
        var stored = Scalar(dataDir, "SELECT count(*) FROM statements");
        var rate = stored / elapsed.TotalSeconds;
        double? ratio = _rawImport > 0 ? rate / _rawImport : null;
        _report.Add(new Figure
        {
            Id = "W6",
            Workload = string.Create(CultureInfo.InvariantCulture, $"import command, NDJSON, batches of 1,000 ({elapsed.TotalSeconds:F0} s, peak RSS {peak / 1024} MB)"),
            Size = label,
            Value = rate,
            Unit = "statements/s",
            Ratio = ratio,
            RatioTo = "raw pre-load",
            Target = ">= 0.7x",
            Met = ratio is null ? null : ratio >= 0.7,
            LoadStart = load,
            LoadEnd = ProcessMemory.LoadAverage(),
            Failures = exit == 0 && stored == dataset.Size ? 0 : 1,
        });
        return exit == 0 && stored == dataset.Size ? 0 : 1;
    }
}
