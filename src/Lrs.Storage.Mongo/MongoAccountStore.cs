using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Lrs.Storage.Mongo;

/// <summary>Dashboard accounts, one document each under the folded email (the password only as its salted hash).</summary>
public sealed class MongoAccountStore(MongoLrsDatabase db) : IAccountStore
{
    public async Task<Account?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var doc = await db.Accounts.Find(Key(email)).FirstOrDefaultAsync(cancellationToken);
        return doc is null ? null : AccountMapping.ToAccount(doc);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.Accounts.Find(new BsonDocument()).Sort(new BsonDocument { { "created", 1 }, { "_id", 1 } }).ToListAsync(cancellationToken);
        return docs.Select(AccountMapping.ToAccount).ToList();
    }

    public async Task<bool> CreateAsync(Account account, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        try
        {
            await db.Accounts.InsertOneAsync(AccountMapping.ToBson(account), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task SaveAsync(Account account, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.Accounts.ReplaceOneAsync(Key(account.Email), AccountMapping.ToBson(account), new ReplaceOptions { IsUpsert = true }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        return (await db.Accounts.DeleteOneAsync(Key(email), cancellationToken)).DeletedCount > 0;
    }

    private static BsonDocument Key(string email) => new("_id", AccountKeys.Of(email));
}
