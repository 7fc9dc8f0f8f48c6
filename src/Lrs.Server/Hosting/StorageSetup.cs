using Lrs.Storage.Mongo;
using Lrs.Storage.Sqlite;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Hosting;

/// <summary>
/// Chooses and wires the storage backend (LRS_STORAGE). The embedded SQLite store is the default and needs no setup;
/// "mongo" serves several LRS instances from one MongoDB replica set (LRS_MONGODB_URI, LRS_MONGODB_DATABASE).
/// SQLite migrates when first resolved; MongoDB creates its indexes and checks its schema version in the background as
/// the host starts (<see cref="MongoStartup"/>), and every operation waits for that work.
/// </summary>
public static class StorageSetup
{
    public const string Sqlite = "sqlite";
    public const string Mongo = "mongo";

    public static IServiceCollection AddLrsStorage(this IServiceCollection services, LrsOptions options)
    {
        switch (Backend(options))
        {
            case Mongo:
                services.AddSingleton(_ => OpenMongo(options));
                services.AddSingleton<MongoStatementStore>(sp => new MongoStatementStore(sp.GetRequiredService<MongoLrsDatabase>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStatementStore>(sp => sp.GetRequiredService<MongoStatementStore>());
                services.AddSingleton<IDocumentStore>(sp => new MongoDocumentStore(sp.GetRequiredService<MongoLrsDatabase>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<ICredentialStore>(sp => new MongoCredentialStore(sp.GetRequiredService<MongoLrsDatabase>()));
                services.AddSingleton<IAccountStore>(sp => new MongoAccountStore(sp.GetRequiredService<MongoLrsDatabase>()));
                services.AddHostedService<MongoStartup>();
                break;
            default:
                services.AddSingleton(_ => new SqliteDatabase(options.DatabasePath));
                services.AddSingleton<SqliteStatementStore>(sp => new SqliteStatementStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStatementStore>(sp => sp.GetRequiredService<SqliteStatementStore>());
                services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(sp.GetRequiredService<SqliteStatementStore>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<ICredentialStore>(sp => new SqliteCredentialStore(sp.GetRequiredService<SqliteDatabase>()));
                services.AddSingleton<IAccountStore>(sp => new SqliteAccountStore(sp.GetRequiredService<SqliteDatabase>()));
                break;
        }

        return services;
    }

    /// <summary>The credential store of the configured backend alone, for the operator command line.</summary>
    public static ICredentialStore CreateCredentialStore(LrsOptions options) => Backend(options) switch
    {
        Mongo => new MongoCredentialStore(OpenMongo(options)),
        _ => new SqliteCredentialStore(new SqliteDatabase(options.DatabasePath)),
    };

    /// <summary>The dashboard account store of the configured backend alone, for the operator command line.</summary>
    public static IAccountStore CreateAccountStore(LrsOptions options) => Backend(options) switch
    {
        Mongo => new MongoAccountStore(OpenMongo(options)),
        _ => new SqliteAccountStore(new SqliteDatabase(options.DatabasePath)),
    };

    private static string Backend(LrsOptions options) => options.Storage.Trim().ToLowerInvariant() switch
    {
        Sqlite => Sqlite,
        Mongo => Mongo,
        var other => throw new InvalidOperationException($"LRS_STORAGE must be '{Sqlite}' or '{Mongo}', not '{other}'"),
    };

    private static MongoLrsDatabase OpenMongo(LrsOptions options) => string.IsNullOrWhiteSpace(options.MongoDbUri)
        ? throw new InvalidOperationException("LRS_STORAGE=mongo needs LRS_MONGODB_URI, e.g. mongodb://db1,db2,db3/?replicaSet=rs0")
        : new MongoLrsDatabase(options.MongoDbUri, options.MongoDbDatabase);
}
