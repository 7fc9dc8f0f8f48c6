using BenchmarkDotNet.Attributes;
using Lrs.Server.Xapi;
using Lrs.Xapi;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks.Micro;

/// <summary>The read path's per-statement work: exact (passed through), ids, canonical, and a 2.0 statement for a 1.0.3 reader.</summary>
[MemoryDiagnoser]
public class ShapeBenchmarks
{
    private static readonly IReadOnlyList<string> Languages = ["en-US"];
    private StoredStatement _stored = null!;

    [Params(StatementFormat.Exact, StatementFormat.Ids, StatementFormat.Canonical)]
    public StatementFormat Format { get; set; }

    [Params(XapiVersion.V200, XapiVersion.V103)]
    public XapiVersion Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var writer = new Writer(new JObject
        {
            ["objectType"] = "Agent",
            ["name"] = "bench",
            ["account"] = new JObject { ["homePage"] = "http://localhost:8080", ["name"] = "bench" },
        }, CanDefine: true);
        var prepared = StatementPreparer.Prepare(Samples.Parse("launched"), XapiVersion.V200, writer);
        var stored = DateTimeOffset.UtcNow;
        _stored = new StoredStatement(1, prepared.Id, StatementStamp.Apply(prepared.Json, stored, prepared.NeedsTimestamp), stored, false);
    }

    [Benchmark]
    public string Shape() => StatementResponses.Shape(_stored, Format, Version, Languages);
}
