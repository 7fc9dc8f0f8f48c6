using System.Text;
using BenchmarkDotNet.Attributes;
using Lrs.Server.Auth;
using Lrs.Server.Xapi;
using Lrs.Xapi;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks.Micro;

/// <summary>The ingest steps of one statement, each alone and together (the whole pipeline with a store that does nothing).</summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private static readonly JObject Authority = new()
    {
        ["objectType"] = "Agent",
        ["name"] = "bench",
        ["account"] = new JObject { ["homePage"] = "http://localhost:8080", ["name"] = "bench" },
    };

    private readonly StatementIngest _ingest = new(new NullStore());
    private readonly XapiCaller _caller = new() { StoreId = "default", Scopes = new HashSet<string>(StringComparer.Ordinal) { Scopes.All }, Authority = Authority };
    private readonly Writer _writer = new(Authority, CanDefine: true);
    private byte[] _utf8 = [];
    private JObject _parsed = new();

    [Params("launched", "replied")]
    public string Statement { get; set; } = "launched";

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = Encoding.UTF8.GetBytes(Samples.Get(Statement));
        _parsed = Samples.Parse(Statement);
    }

    [Benchmark]
    public JToken Parse() => XapiJson.Parse(_utf8);

    [Benchmark]
    public JObject Validate()
    {
        StatementValidator.Validate(_parsed, XapiVersion.V200);
        return _parsed;
    }

    /// <summary>Prepare is idempotent on a statement that has its id, so the same object is prepared again each time.</summary>
    [Benchmark]
    public StatementToStore Prepare() => StatementPreparer.Prepare(_parsed, XapiVersion.V200, _writer);

    [Benchmark]
    public Task<IReadOnlyList<Guid>> WholeIngest() =>
        _ingest.StoreAsync(new StatementBody(_utf8, new Dictionary<string, AttachmentPart>()), XapiVersion.V200, _caller, null, CancellationToken.None);

    private sealed class NullStore : IStatementStore
    {
        public DateTimeOffset ConsistentThrough => DateTimeOffset.UtcNow;

        public Task StoreAsync(string storeId, StatementBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<StoredStatement?> GetAsync(string storeId, Guid id, CancellationToken cancellationToken) => Task.FromResult<StoredStatement?>(null);

        public Task<StatementPage> QueryAsync(string storeId, StatementFilter filter, CancellationToken cancellationToken) => Task.FromResult(new StatementPage([], false));

        public Task<IReadOnlyList<AttachmentContent>> GetAttachmentsAsync(string storeId, IReadOnlyCollection<string> sha2s, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AttachmentContent>>([]);

        public Task<JObject?> GetActivityDefinitionAsync(string storeId, string activityId, CancellationToken cancellationToken) => Task.FromResult<JObject?>(null);

        public Task<IReadOnlyList<StoredStatement>> ReadFeedAsync(string storeId, long afterPosition, int max, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredStatement>>([]);
    }
}
