using Lrs.Storage.ContractTests;

namespace Lrs.Storage.Sqlite.Tests;

public sealed class SqliteStatementStoreTests(SqliteFixture fixture) : StatementStoreContract, IClassFixture<SqliteFixture>
{
    protected override StoreSet Stores => fixture.Stores;
}

public sealed class SqliteDocumentStoreTests(SqliteFixture fixture) : DocumentStoreContract, IClassFixture<SqliteFixture>
{
    protected override StoreSet Stores => fixture.Stores;
}

public sealed class SqliteCredentialStoreTests(SqliteFixture fixture) : CredentialStoreContract, IClassFixture<SqliteFixture>
{
    protected override StoreSet Stores => fixture.Stores;
}

public sealed class SqliteAccountStoreTests(SqliteFixture fixture) : AccountStoreContract, IClassFixture<SqliteFixture>
{
    protected override Lrs.Xapi.Storage.IAccountStore Accounts => new SqliteAccountStore(fixture.Database);
}
