using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;
using static Lrs.Storage.ContractTests.Statements;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>
/// The writer's key ids are cached by a hash of the key text: an id from a transaction is kept only once it commits,
/// a rolled-back savepoint forgets what it created, and the keys written are the texts queries look for.
/// </summary>
public sealed class KeyIdCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-key-ids-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void An_id_from_the_open_transaction_is_found_until_a_rollback_forgets_it()
    {
        var cache = new KeyIdCache();
        var key = cache.Hash("1|a|mbox:mailto:pat@example.com");
        cache.AddFromTransaction(key, 7);

        Assert.True(cache.TryGet(key, out var id));
        Assert.Equal(7, id);
        cache.RolledBack();
        Assert.False(cache.TryGet(key, out _));
    }

    [Fact]
    public void A_committed_id_outlives_later_rollbacks_and_a_savepoint_rollback_forgets_only_its_own()
    {
        var cache = new KeyIdCache();
        var committed = cache.Hash("1|v|http://adlnet.gov/expapi/verbs/asked");
        var earlier = cache.Hash("1|o|http://example.com/q/1");
        var inSavepoint = cache.Hash("1|o|http://example.com/q/2");
        cache.AddFromTransaction(committed, 1);
        cache.Committed();

        cache.SavepointStarted();
        cache.AddFromTransaction(earlier, 2);
        cache.SavepointReleased();
        cache.SavepointStarted();
        cache.AddFromTransaction(inSavepoint, 3);
        cache.SavepointRolledBack();

        Assert.True(cache.TryGet(committed, out var one));
        Assert.Equal(1, one);
        Assert.True(cache.TryGet(earlier, out var two));
        Assert.Equal(2, two);
        Assert.False(cache.TryGet(inSavepoint, out _));

        cache.RolledBack();
        Assert.True(cache.TryGet(committed, out _));
        Assert.False(cache.TryGet(earlier, out _));
    }

    [Fact]
    public void Keys_age_out_after_two_generations_unless_they_are_used()
    {
        var cache = new KeyIdCache();
        var hot = cache.Hash("1|v|http://adlnet.gov/expapi/verbs/answered");
        var cold = cache.Hash("1|o|http://example.com/q/once");
        cache.AddFromTransaction(hot, 1);
        cache.AddFromTransaction(cold, 2);
        cache.Committed();

        for (var i = 0; i < 3 * 65_536; i++)
        {
            cache.AddFromTransaction(cache.Hash($"1|o|http://example.com/q/{i}"), 100 + i);
            cache.Committed();
            Assert.True(cache.TryGet(hot, out _), $"the hot key was lost after {i} others");
        }

        Assert.False(cache.TryGet(cold, out _));
    }

    [Fact]
    public void Different_texts_hash_apart_and_the_same_text_alike()
    {
        var cache = new KeyIdCache();
        Assert.Equal(cache.Hash("1|a|x"), cache.Hash("1|a|x"));
        Assert.NotEqual(cache.Hash("1|a|x"), cache.Hash("1|r|x"));
        Assert.NotEqual(cache.Hash("1|a|x"), cache.Hash("2|a|x"));
    }

    [Fact]
    public async Task The_writer_stores_each_key_as_the_text_queries_look_for()
    {
        var registration = Guid.NewGuid();
        const string actor = "mailto:pat@example.com";
        const string verb = "http://adlnet.gov/expapi/verbs/asked";
        const string activity = "http://example.com/activities/q1";
        var statement = Simple(actor: actor, verb: verb, activity: activity, change: s => s["context"] = new Newtonsoft.Json.Linq.JObject { ["registration"] = registration.ToString() });
        var path = Path.Combine(_directory, "lrs.db");
        using (var store = new SqliteStatementStore(new SqliteDatabase(path)))
        {
            await store.StoreAsync(NewStoreId(), Batch(statement), Ct);
        }

        SqliteConnection.ClearAllPools();
        var keys = new List<string>();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT key FROM keys";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
        }

        var store1 = keys.Select(k => long.Parse(k[..k.IndexOf('|')], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Single();
        var agent = statement.Index.Agents.Single();
        Assert.Contains(StatementWriter.KeyText(store1, 'a', agent), keys);
        Assert.Contains(StatementWriter.KeyText(store1, 'v', verb), keys);
        Assert.Contains(StatementWriter.KeyText(store1, 'w', StatementWriter.AgentVerb(agent, verb)), keys);
        Assert.Contains(StatementWriter.KeyText(store1, 'o', activity), keys);
        Assert.Contains(StatementWriter.KeyText(store1, 'g', registration.ToString("D")), keys);
    }

    [Fact]
    public async Task A_key_longer_than_the_writers_buffer_is_written_and_found()
    {
        var activity = "http://example.com/activities/" + new string('a', 3000);
        var storeId = NewStoreId();
        var statement = Simple(activity: activity);
        using var store = new SqliteStatementStore(new SqliteDatabase(Path.Combine(_directory, "lrs.db")));
        await store.StoreAsync(storeId, Batch(statement), Ct);

        var found = await store.QueryAsync(storeId, new StatementFilter { Activity = activity }, Ct);
        Assert.Equal([statement.Id], found.Statements.Select(s => s.Id));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
