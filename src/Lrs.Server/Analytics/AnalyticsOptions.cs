using System.Globalization;

namespace Lrs.Server.Analytics;

/// <summary>
/// Analytics settings from the environment. By default the projection follows this LRS's own stores; with
/// LRS_FOLLOW_URL it follows another LRS over xAPI instead (a dashboard deployed apart from its LRS).
/// </summary>
public sealed class AnalyticsOptions
{
    /// <summary>A rules file replacing or extending the default classification rules (LRS_ANALYTICS_RULES).</summary>
    public string? RulesPath { get; set; }

    /// <summary>The xAPI endpoint of the LRS to follow, e.g. https://lrs.example.com/xapi/ (LRS_FOLLOW_URL).</summary>
    public Uri? FollowUrl { get; set; }

    /// <summary>A Basic credential of that LRS with statements/read (LRS_FOLLOW_KEY, LRS_FOLLOW_SECRET).</summary>
    public string? FollowKey { get; set; }

    public string? FollowSecret { get; set; }

    /// <summary>The store id the followed LRS's statements are projected under (LRS_FOLLOW_STORE, default "default").</summary>
    public string FollowStore { get; set; } = "default";

    /// <summary>
    /// How often the follower looks for statements it was not told about (LRS_ANALYTICS_POLL_SECONDS, default 2):
    /// another process writing the same database, or a followed LRS. Statements stored here wake it at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most memory DuckDB may grow to for the projection in MB (LRS_ANALYTICS_MEMORY_MB, default 256); it starts at
    /// a quarter of the projection's file (at least 32) and doubles when a query runs out. Queries spill to disk within it.
    /// </summary>
    public int MaxMemoryMb { get; set; } = Lrs.Analytics.Projection.AnalyticsProjection.DefaultMaxMemoryMb;

    public static AnalyticsOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new AnalyticsOptions
        {
            RulesPath = NullIfEmpty(configuration["LRS_ANALYTICS_RULES"]),
            FollowKey = NullIfEmpty(configuration["LRS_FOLLOW_KEY"]),
            FollowSecret = NullIfEmpty(configuration["LRS_FOLLOW_SECRET"]),
            FollowStore = NullIfEmpty(configuration["LRS_FOLLOW_STORE"]) ?? "default",
        };
        if (NullIfEmpty(configuration["LRS_FOLLOW_URL"]) is { } url)
        {
            options.FollowUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"LRS_FOLLOW_URL must be an http(s) URL of an xAPI endpoint, not '{url}'");
            if (options.FollowKey is null || options.FollowSecret is null)
            {
                throw new InvalidOperationException("LRS_FOLLOW_URL needs LRS_FOLLOW_KEY and LRS_FOLLOW_SECRET (a credential with statements/read)");
            }
        }

        if (double.TryParse(configuration["LRS_ANALYTICS_POLL_SECONDS"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.PollInterval = TimeSpan.FromSeconds(seconds);
        }

        if (int.TryParse(configuration["LRS_ANALYTICS_MEMORY_MB"], NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb >= Lrs.Analytics.Projection.AnalyticsProjection.MinMemoryMb)
        {
            options.MaxMemoryMb = mb;
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
