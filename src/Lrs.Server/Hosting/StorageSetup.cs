using Lrs.Storage.Sqlite;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Hosting;

/// <summary>Chooses and wires the storage backend. The embedded SQLite store is the default and needs no setup.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddLrsStorage(this IServiceCollection services, LrsOptions options)
    {
        services.AddSingleton(_ => new SqliteDatabase(options.DatabasePath));
        services.AddSingleton<SqliteStatementStore>(sp => new SqliteStatementStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStatementStore>(sp => sp.GetRequiredService<SqliteStatementStore>());
        services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICredentialStore>(sp => new SqliteCredentialStore(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }
}
