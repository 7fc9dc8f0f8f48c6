using Lrs.Xapi.Storage;
using Microsoft.Data.Sqlite;

namespace Lrs.Storage.Sqlite;

public sealed class SqliteAccountStore(SqliteDatabase db) : IAccountStore
{
    private const string Columns = "email, name, role, password_hash, agent, agent_key, store, created, disabled";

    public async Task<Account?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM accounts WHERE email_key = $key";
        command.Parameters.AddWithValue("$key", AccountKeys.Of(email));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = db.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM accounts ORDER BY created, email_key";
        var result = new List<Account>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    public async Task<bool> CreateAsync(Account account, CancellationToken cancellationToken) =>
        await WriteAsync(account, "ON CONFLICT (email_key) DO NOTHING", cancellationToken) > 0;

    public Task SaveAsync(Account account, CancellationToken cancellationToken) =>
        WriteAsync(account,
            "ON CONFLICT (email_key) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role, " +
            "password_hash = excluded.password_hash, agent = excluded.agent, agent_key = excluded.agent_key, store = excluded.store, " +
            "created = excluded.created, disabled = excluded.disabled",
            cancellationToken);

    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenWrite();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM accounts WHERE email_key = $key";
        command.Parameters.AddWithValue("$key", AccountKeys.Of(email));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<int> WriteAsync(Account account, string onConflict, CancellationToken cancellationToken)
    {
        await using var connection = db.OpenWrite();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO accounts (email_key, " + Columns + ") " +
            "VALUES ($key, $email, $name, $role, $hash, $agent, $agentKey, $store, $created, $disabled) " + onConflict;
        command.Parameters.AddWithValue("$key", AccountKeys.Of(account.Email));
        command.Parameters.AddWithValue("$email", account.Email);
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$role", account.Role);
        command.Parameters.AddWithValue("$hash", account.PasswordHash);
        command.Parameters.AddWithValue("$agent", (object?)account.Agent ?? DBNull.Value);
        command.Parameters.AddWithValue("$agentKey", (object?)account.AgentKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$store", account.StoreId);
        command.Parameters.AddWithValue("$created", account.Created.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$disabled", account.Disabled is { } d ? d.ToUnixTimeMilliseconds() : DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Account Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));
}
