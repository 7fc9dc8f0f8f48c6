using Lrs.Benchmarks;
using Lrs.Benchmarks.Micro;

// micro: BenchmarkDotNet over the in-process parts; anything else: the server workloads W1-W6 against the raw baseline.
if (args is ["micro", .. var rest])
{
    MicroBenchmarks.Run(rest, dry: false);
    return 0;
}

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error + "\n" + BenchOptions.Usage);
    return 2;
}

return await new BenchRun(options).RunAsync();
