using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;
using static Lrs.Storage.ContractTests.Statements;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>
/// A store written before migration 004 has no agent-and-verb keys for its older statements: a query whose range
/// reaches back before them walks the agent's rows, one that starts after them uses the pair's own key. Both see every
/// match.
/// </summary>
public sealed class AgentVerbKeyTests : IDisposable
{
    private const string Attempted = "http://adlnet.gov/expapi/verbs/attempted";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-agent-verb-" + Guid.NewGuid().ToString("N"));
    private readonly string _store = NewStoreId();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DbPath => Path.Combine(_directory, "lrs.db");

    [Fact]
    public async Task Statements_from_before_the_pair_keys_are_found_by_walking_the_agent_and_later_ones_by_the_pair()
    {
        Guid oldMatch;
        using (var before = new SqliteStatementStore(new SqliteDatabase(DbPath)))
        {
            oldMatch = await StoreAsync(before, Simple(actor: "mailto:pat@example.com", verb: Attempted));
            await StoreAsync(before, Simple(actor: "mailto:pat@example.com"));
        }

        // What a file from before migration 004 looks like: no pair keys, and the mark after its last statement.
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            SqliteDatabase.Execute(connection, "DELETE FROM statement_keys WHERE key_id IN (SELECT id FROM keys WHERE key LIKE '%|w|%')");
            SqliteDatabase.Execute(connection, "UPDATE store_settings SET value = (SELECT max(seq) FROM statements) WHERE name = 'agent_verb_keys_after'");
        }

        SqliteConnection.ClearAllPools();
        using var after = new SqliteStatementStore(new SqliteDatabase(DbPath));
        var mark = DateTimeOffset.UtcNow;
        await Task.Delay(5, Ct);
        var newMatch = await StoreAsync(after, Simple(actor: "mailto:pat@example.com", verb: Attempted));
        await StoreAsync(after, Simple(actor: "mailto:sam@example.com", verb: Attempted));
        var pat = Lrs.Xapi.Model.Ifi.KeyOf(Newtonsoft.Json.Linq.JObject.Parse("""{"mbox":"mailto:pat@example.com"}"""));

        Assert.Equal([newMatch, oldMatch], await IdsAsync(after, new StatementFilter { Agent = pat, Verb = Attempted }));
        Assert.Equal([newMatch], await IdsAsync(after, new StatementFilter { Agent = pat, Verb = Attempted, Since = mark }));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<Guid> StoreAsync(SqliteStatementStore store, StatementToStore statement)
    {
        await store.StoreAsync(_store, Batch(statement), Ct);
        return statement.Id;
    }

    private async Task<List<Guid>> IdsAsync(SqliteStatementStore store, StatementFilter filter) =>
        (await store.QueryAsync(_store, filter, Ct)).Statements.Select(s => s.Id).ToList();
}
