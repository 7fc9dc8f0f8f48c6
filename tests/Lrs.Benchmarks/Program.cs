using Lrs.Benchmarks;
using Lrs.Benchmarks.Micro;

// micro: BenchmarkDotNet over the in-process parts; anything else: the server workloads W1-W7 against the raw baseline.
if (args is ["micro", .. var rest])
{
    MicroBenchmarks.Run(rest, dry: false);
    return 0;
}

// raw FILE [PER_TRANSACTION]: the raw baseline alone on an NDJSON file, with its CPU time (for a loaded machine).
if (args is ["raw", var file, .. var perTransaction])
{
    var dir = Directory.CreateTempSubdirectory("lrs-raw-").FullName;
    using (var raw = new RawBaseline(Path.Combine(dir, "raw.db")))
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var rate = raw.Insert(Dataset.Lines(file), perTransaction is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1000);
        Console.WriteLine(FormattableString.Invariant($"{rate:F0} rows/s of database time; process CPU {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s"));
    }

    Directory.Delete(dir, recursive: true);
    return 0;
}

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error + "\n" + BenchOptions.Usage);
    return 2;
}

return await new BenchRun(options).RunAsync();
