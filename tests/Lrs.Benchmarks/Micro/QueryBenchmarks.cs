using BenchmarkDotNet.Attributes;
using Lrs.Analytics.Generator;
using Lrs.Storage.Sqlite;
using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks.Micro;

/// <summary>
/// W3's query in the SQLite store alone (no HTTP): agent+verb+since, limit 50, over 20,000 generated statements, and a
/// statement by id. The server-level W3 figures move with whatever shares the machine; this one isolates the store.
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-query-bench-" + Guid.NewGuid().ToString("N"));
    private SqliteStatementStore _store = null!;
    private StatementFilter[] _filters = [];
    private Guid[] _ids = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = new SqliteStatementStore(new SqliteDatabase(Path.Combine(_directory, "lrs.db")));
        var writer = new Writer(new JObject { ["objectType"] = "Agent", ["mbox"] = "mailto:bench@example.org" }, CanDefine: true);
        var statements = OrganisationGenerator.Generate(new GeneratorOptions { Seed = 3, Learners = 200, Weeks = 40 })
            .Take(20_000)
            .Select(s => StatementPreparer.Prepare((JObject)XapiJson.Parse(XapiJson.Serialize(s)), XapiVersion.V200, writer))
            .ToList();
        foreach (var chunk in statements.Chunk(1_000))
        {
            _store.StoreAsync("default", new StatementBatch(chunk, []), CancellationToken.None).GetAwaiter().GetResult();
        }

        // Agents and verbs of the newest half, since the first of that half was stored, as W3 samples them.
        var since = _store.QueryAsync("default", new StatementFilter { Ascending = true, After = 10_000, Limit = 1 }, CancellationToken.None)
            .GetAwaiter().GetResult().Statements[0].Stored;
        _filters = statements.Skip(10_000).Take(500)
            .Select(s => (JObject)XapiJson.Parse(s.Json))
            .Select(j => new StatementFilter { Agent = Ifi.KeyOf(j["actor"]), Verb = (string?)j["verb"]?["id"], Since = since, Limit = 50 })
            .ToArray();
        _ids = statements.Skip(10_000).Take(500).Select(s => s.Id).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<int> AgentVerbSince() =>
        (await _store.QueryAsync("default", _filters[_next++ % _filters.Length], CancellationToken.None)).Statements.Count;

    [Benchmark]
    public async Task<bool> ById() =>
        await _store.GetAsync("default", _ids[_next++ % _ids.Length], CancellationToken.None) is not null;
}
