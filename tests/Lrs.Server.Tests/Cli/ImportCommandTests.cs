using Lrs.Server.Cli;
using Lrs.Storage.Sqlite;
using Lrs.Xapi.Storage;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Cli;

/// <summary>`import --file FILE`: NDJSON through the POST pipeline into the data directory, refusals named by line.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("lrs-import-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Statement(Guid id, string verb = "http://adlnet.gov/expapi/verbs/experienced") => new JObject
    {
        ["id"] = id.ToString("D"),
        ["actor"] = new JObject { ["mbox"] = "mailto:ann@example.org" },
        ["verb"] = new JObject { ["id"] = verb },
        ["object"] = new JObject { ["id"] = "http://example.org/course/1" },
    }.ToString(Newtonsoft.Json.Formatting.None);

    private async Task<(int Exit, string Output)> ImportAsync(params string[] lines)
    {
        var file = Path.Combine(_dataDir, "statements.ndjson");
        await File.WriteAllLinesAsync(file, lines, Token);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LRS_DATA_DIR"] = _dataDir }).Build();
        using var output = new StringWriter();
        var exit = await ImportCommand.RunAsync(["--file", file, "--batch", "2"], configuration, output, Token);
        return (exit, output.ToString());
    }

    private async Task<IReadOnlyList<StoredStatement>> StoredAsync()
    {
        using var store = new SqliteStatementStore(new SqliteDatabase(Path.Combine(_dataDir, "lrs.db")));
        return await store.ReadFeedAsync("default", 0, 100, Token);
    }

    [Fact]
    public async Task Statements_are_stored_in_file_order_with_the_import_authority()
    {
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

        var (exit, output) = await ImportAsync([.. ids.Select(id => Statement(id))]);

        Assert.Equal(0, exit);
        Assert.Contains("imported 3 statements", output, StringComparison.Ordinal);
        var stored = await StoredAsync();
        Assert.Equal(ids, stored.Select(s => s.Id));
        Assert.All(stored, s => Assert.Equal("import", (string?)JObject.Parse(s.Json)["authority"]?["account"]?["name"]));
    }

    [Fact]
    public async Task An_invalid_line_is_refused_with_its_number_and_the_others_are_stored()
    {
        var good = new[] { Guid.NewGuid(), Guid.NewGuid() };

        var (exit, output) = await ImportAsync(Statement(good[0]), "{\"actor\":{\"mbox\":\"mailto:ann@example.org\"}}", "", Statement(good[1]));

        Assert.Equal(1, exit);
        Assert.Contains("line 2: verb", output, StringComparison.Ordinal);
        Assert.Contains("1 lines refused", output, StringComparison.Ordinal);
        Assert.Equal(good, (await StoredAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task A_conflicting_statement_is_refused_alone_and_the_rest_of_its_batch_is_stored()
    {
        var id = new Guid("00000000-0000-4000-8000-000000000001");
        var other = new Guid("00000000-0000-4000-8000-000000000002");

        var (exit, output) = await ImportAsync(Statement(id), Statement(id, "http://adlnet.gov/expapi/verbs/attempted"), Statement(other));

        Assert.Equal(1, exit);
        Assert.Contains("line 2:", output, StringComparison.Ordinal);
        // The refused batch is retried statement by statement after the batches already queued behind it.
        Assert.Equal([id, other], (await StoredAsync()).Select(s => s.Id).Order());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
