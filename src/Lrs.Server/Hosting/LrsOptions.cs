using Lrs.Xapi;

namespace Lrs.Server.Hosting;

/// <summary>
/// Settings read from the environment (LRS_*) or configuration (section "Lrs"). Defaults serve a durable LRS with no
/// configuration at all.
/// </summary>
public sealed class LrsOptions
{
    /// <summary>Where the SQLite file lives (LRS_DATA_DIR, default ./data).</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Requests larger than this get 413 (LRS_MAX_REQUEST_BYTES, default 50 MB).</summary>
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The version named on responses to requests that name none (they are rejected with 400 either way).
    /// LRS_XAPI_DEFAULT_VERSION: "2.0.0" (default) or "1.0.3", for a deployment whose clients are all 1.0.x.
    /// </summary>
    public XapiVersion DefaultVersion { get; set; } = XapiVersion.V200;

    /// <summary>The account homePage of the authority recorded on statements (LRS_PUBLIC_URL).</summary>
    public string PublicUrl { get; set; } = "http://localhost:8080";

    /// <summary>The tenant a credential belongs to when none is named.</summary>
    public string DefaultStore { get; set; } = "default";

    public string DatabasePath => Path.Combine(DataDir, "lrs.db");

    /// <summary>The storage backend (LRS_STORAGE): "sqlite" (default, embedded) or "mongo" (a MongoDB replica set).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>The MongoDB connection string (LRS_MONGODB_URI), required when Storage is "mongo".</summary>
    public string? MongoDbUri { get; set; }

    /// <summary>The MongoDB database (LRS_MONGODB_DATABASE, default "lrs").</summary>
    public string MongoDbDatabase { get; set; } = "lrs";

    /// <summary>What this process serves (LRS_ROLE): all (default), lrs or dashboard.</summary>
    public ServerRole Role { get; set; } = ServerRole.All;

    public static LrsOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new LrsOptions();
        configuration.GetSection("Lrs").Bind(options);
        options.DataDir = configuration["LRS_DATA_DIR"] ?? options.DataDir;
        if (long.TryParse(configuration["LRS_MAX_REQUEST_BYTES"], System.Globalization.CultureInfo.InvariantCulture, out var max))
        {
            options.MaxRequestBytes = max;
        }

        if (configuration["LRS_XAPI_DEFAULT_VERSION"] is { } version)
        {
            options.DefaultVersion = XapiVersions.TryParseHeader(version, out var v)
                ? v
                : throw new InvalidOperationException($"LRS_XAPI_DEFAULT_VERSION must be 1.0.3 or 2.0.0, not '{version}'");
        }

        options.PublicUrl = configuration["LRS_PUBLIC_URL"] ?? options.PublicUrl;
        options.Storage = configuration["LRS_STORAGE"] ?? options.Storage;
        options.MongoDbUri = configuration["LRS_MONGODB_URI"] ?? options.MongoDbUri;
        options.MongoDbDatabase = configuration["LRS_MONGODB_DATABASE"] ?? options.MongoDbDatabase;
        options.Role = configuration["LRS_ROLE"] is { } role ? ServerRoles.Parse(role) : options.Role;
        return options;
    }
}
