using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

public sealed class SqliteCredentialStore(SqliteDatabase db) : ICredentialStore
{
    public async Task<Credential?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, secret_hash, scopes, name, store, created, revoked FROM credentials WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Credential>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, secret_hash, scopes, name, store, created, revoked FROM credentials ORDER BY created, key";
        var result = new List<Credential>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    public async Task SaveAsync(Credential credential, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenWrite();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO credentials (key, secret_hash, scopes, name, store, created, revoked) VALUES ($key, $hash, $scopes, $name, $store, $created, $revoked) " +
            "ON CONFLICT (key) DO UPDATE SET secret_hash = excluded.secret_hash, scopes = excluded.scopes, name = excluded.name, " +
            "store = excluded.store, revoked = excluded.revoked";
        command.Parameters.AddWithValue("$key", credential.Key);
        command.Parameters.AddWithValue("$hash", credential.SecretHash);
        command.Parameters.AddWithValue("$scopes", string.Join(' ', credential.Scopes));
        command.Parameters.AddWithValue("$name", credential.Name);
        command.Parameters.AddWithValue("$store", credential.StoreId);
        command.Parameters.AddWithValue("$created", credential.Created.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$revoked", credential.Revoked is { } r ? r.ToUnixTimeMilliseconds() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(string key, DateTimeOffset when, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenWrite();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE credentials SET revoked = $when WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$when", when.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static Credential Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString(3),
        reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
}
