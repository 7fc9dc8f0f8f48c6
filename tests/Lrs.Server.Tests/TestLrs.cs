using System.Net.Http.Headers;
using System.Text;
using Lrs.Server.Auth;
using Lrs.Storage.Sqlite;
using Lrs.Xapi.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Server.Tests;

/// <summary>
/// The LRS in-process on a fresh temporary data directory, shared by the tests of one class (a class fixture).
/// The bootstrap credential has scope "all"; <see cref="CreateCredentialAsync"/> hands out others.
/// </summary>
public class TestLrs : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "test-bootstrap";
    public const string BootstrapSecret = "test-bootstrap-secret";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "lrs-server-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings a derived fixture adds (LRS_* names, as the server reads them from the environment).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LRS_DATA_DIR", DataDir);
        builder.UseSetting("LRS_BOOTSTRAP_KEY", BootstrapKey);
        builder.UseSetting("LRS_BOOTSTRAP_SECRET", BootstrapSecret);
        // Request logs of hundreds of test requests would bury a failure's output.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (name, value) in ExtraSettings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>Where clients send requests: the in-memory test server answers any host.</summary>
    protected virtual Uri ServerAddress() => new("http://localhost");

    /// <summary>A client with the bootstrap credential (scope "all") speaking the given xAPI version.</summary>
    public HttpClient Client(string? version = "2.0.0") => ClientFor(BootstrapKey, BootstrapSecret, version);

    /// <summary>A client with no Authorization header at all.</summary>
    public HttpClient Anonymous(string? version = "2.0.0")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ServerAddress() });
        if (version is not null)
        {
            client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        }

        return client;
    }

    public HttpClient ClientFor(string key, string secret, string? version = "2.0.0")
    {
        var client = Anonymous(version);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
        return client;
    }

    /// <summary>Stores a new credential with these scopes through the app's own credential store.</summary>
    public async Task<(string Key, string Secret)> CreateCredentialAsync(params string[] scopes)
    {
        var key = "key-" + Guid.NewGuid().ToString("N")[..12];
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        var store = Services.GetRequiredService<ICredentialStore>();
        await store.SaveAsync(new Credential(key, SecretHasher.Hash(secret), scopes, "test " + string.Join(' ', scopes), "default",
            DateTimeOffset.UtcNow, null), TestContext.Current.CancellationToken);
        return (key, secret);
    }

    /// <summary>A client holding a fresh credential with these scopes.</summary>
    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var (key, secret) = await CreateCredentialAsync(scopes);
        return ClientFor(key, secret);
    }

    public override async ValueTask DisposeAsync()
    {
        var connectionString = Services.GetRequiredService<SqliteDatabase>().ConnectionString;
        await base.DisposeAsync();
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
