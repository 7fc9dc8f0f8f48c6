using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Lrs.Benchmarks.Micro;

/// <summary>
/// BenchmarkDotNet over the in-process parts of ingest and read. In-process toolchain: no project is generated and
/// rebuilt per benchmark (the repository's warnings-as-errors settings would apply to it, and it takes minutes here).
/// </summary>
public static class MicroBenchmarks
{
    public static void Run(string[] args, bool dry)
    {
        var job = (dry ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.Combine(BenchOptions.RepoRoot(), "artifacts", "bench", "micro"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var switcher = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly);
        if (dry)
        {
            switcher.RunAll(config);
        }
        else
        {
            switcher.Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        }
    }
}
