using Lrs.Storage.ContractTests;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>One SQLite file in a temporary directory for a test class; deleted afterwards.</summary>
public sealed class SqliteFixture : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-sqlite-tests-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStatementStore _statements;

    public SqliteFixture()
    {
        Database = new SqliteDatabase(Path.Combine(_directory, "lrs.db"));
        _statements = new SqliteStatementStore(Database);
        Stores = new StoreSet(_statements, new SqliteDocumentStore(_statements), new SqliteCredentialStore(Database));
    }

    public SqliteDatabase Database { get; }

    public StoreSet Stores { get; }

    public void Dispose()
    {
        _statements.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
