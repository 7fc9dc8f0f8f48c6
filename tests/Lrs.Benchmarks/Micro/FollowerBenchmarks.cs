using BenchmarkDotNet.Attributes;
using Lrs.Analytics.Classification;

namespace Lrs.Benchmarks.Micro;

/// <summary>
/// The analytics follower's per-statement parse: a stored statement's JSON to the view classification reads
/// (<see cref="StatementView.Read"/>). It was about a quarter of the follower's CPU under W1 (perf, issue 6).
/// </summary>
[MemoryDiagnoser]
public class FollowerBenchmarks
{
    [Params("launched", "replied")]
    public string Statement { get; set; } = "launched";

    private string _json = "";

    [GlobalSetup]
    public void Setup() => _json = Samples.Get(Statement);

    [Benchmark]
    public StatementView Read() => StatementView.Read(_json);
}
