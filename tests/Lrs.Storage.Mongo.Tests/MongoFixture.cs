using DotNet.Testcontainers.Builders;
using Lrs.Storage.ContractTests;
using Testcontainers.MongoDb;

[assembly: AssemblyFixture(typeof(Lrs.Storage.Mongo.Tests.MongoFixture))]

namespace Lrs.Storage.Mongo.Tests;

/// <summary>
/// One MongoDB for the whole test run: the server named by LRS_TEST_MONGODB_URI when set, else a single-member
/// replica set in a container (Testcontainers) when a Docker engine answers. Without either, the contract tests
/// skip with the reason; they never pass without having run.
/// </summary>
public sealed class MongoFixture : IAsyncLifetime
{
    public const string UriVariable = "LRS_TEST_MONGODB_URI";

    private readonly string _databaseName = "lrs_tests_" + Guid.NewGuid().ToString("N");
    private MongoDbContainer? _container;
    private MongoLrsDatabase? _database;
    private MongoStatementStore? _statements;
    private StoreSet? _stores;
    private string _skipReason = "the MongoDB fixture did not start";

    /// <summary>The account store, or a skip of the calling test saying why no MongoDB is available.</summary>
    public MongoAccountStore AccountsOrSkip()
    {
        if (_database is null)
        {
            Assert.Skip(_skipReason);
        }

        return new MongoAccountStore(_database);
    }

    /// <summary>The stores, or a skip of the calling test saying why no MongoDB is available.</summary>
    public StoreSet StoresOrSkip()
    {
        if (_stores is null)
        {
            Assert.Skip(_skipReason);
        }

        return _stores;
    }

    public async ValueTask InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (string.IsNullOrEmpty(uri))
        {
            if (!DockerMayBeAvailable())
            {
                _skipReason = $"no MongoDB to run against: {UriVariable} is not set and there is no Docker engine for Testcontainers " +
                              "(DOCKER_HOST is not set and /var/run/docker.sock does not exist)";
                return;
            }

            try
            {
                _container = new MongoDbBuilder("mongo:8.0").WithReplicaSet("rs0").Build();
                await _container.StartAsync(TestContext.Current.CancellationToken);
            }
            catch (DockerUnavailableException e)
            {
                _skipReason = $"no MongoDB to run against: {UriVariable} is not set and the Docker engine is unavailable ({e.Message})";
                _container = null;
                return;
            }

            // The container's replica set names its member 127.0.0.1:27017 inside the container; from here only the
            // mapped port reaches it, so the driver must talk to the given address and not discover the set's.
            uri = new MongoDB.Driver.MongoUrlBuilder(_container.GetConnectionString()) { DirectConnection = true }.ToString();
        }

        _database = new MongoLrsDatabase(uri, _databaseName);
        _statements = new MongoStatementStore(_database);
        _stores = new StoreSet(_statements, new MongoDocumentStore(_database), new MongoCredentialStore(_database));
    }

    public async ValueTask DisposeAsync()
    {
        _statements?.Dispose();
        if (_database is not null)
        {
            await _database.Client.DropDatabaseAsync(_databaseName);
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static bool DockerMayBeAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock")
        || File.Exists(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".testcontainers.properties"));
}
