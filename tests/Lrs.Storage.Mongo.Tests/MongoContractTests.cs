using Lrs.Storage.ContractTests;

namespace Lrs.Storage.Mongo.Tests;

public sealed class MongoStatementStoreTests(MongoFixture fixture) : StatementStoreContract
{
    protected override StoreSet Stores => fixture.StoresOrSkip();
}

public sealed class MongoDocumentStoreTests(MongoFixture fixture) : DocumentStoreContract
{
    protected override StoreSet Stores => fixture.StoresOrSkip();
}

public sealed class MongoCredentialStoreTests(MongoFixture fixture) : CredentialStoreContract
{
    protected override StoreSet Stores => fixture.StoresOrSkip();
}

public sealed class MongoAccountStoreTests(MongoFixture fixture) : AccountStoreContract
{
    protected override Lrs.Xapi.Storage.IAccountStore Accounts => fixture.AccountsOrSkip();
}
