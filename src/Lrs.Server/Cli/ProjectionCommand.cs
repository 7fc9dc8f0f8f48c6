using System.Diagnostics;
using System.Globalization;
using Lrs.Analytics.Feed;
using Lrs.Analytics.Projection;
using Lrs.Server.Analytics;
using Lrs.Server.Hosting;
using Lrs.Storage.Sqlite;

namespace Lrs.Server.Cli;

/// <summary>
/// projection rebuild: empties the analytics projection and replays every store's statement feed into it under the
/// current rules. The server holds the projection file open, so it must be stopped first.
/// </summary>
public static class ProjectionCommand
{
    public const string Usage = """
        usage:
          projection rebuild    (stop the server first; reads LRS_DATA_DIR, LRS_ANALYTICS_RULES, LRS_FOLLOW_*)
        """;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is not ["rebuild"])
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var lrs = LrsOptions.FromConfiguration(configuration);
        var options = AnalyticsOptions.FromConfiguration(configuration);
        var rules = AnalyticsServices.LoadRules(options);
        AnalyticsProjection projection;
        try
        {
            projection = new AnalyticsProjection(AnalyticsServices.ProjectionPath(lrs), rules.Fingerprint, options.MaxMemoryMb);
        }
        catch (Exception e) when (e is IOException or DuckDB.NET.Data.DuckDBException)
        {
            await output.WriteLineAsync($"cannot open {AnalyticsServices.ProjectionPath(lrs)}: {e.Message}\n(is the server running? stop it first)");
            return 1;
        }

        using (projection)
        {
            projection.Reset();
            var watch = Stopwatch.StartNew();
            var total = 0;
            if (options.FollowUrl is { } url)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                var feed = new RemoteLrsFeed(http, url, options.FollowKey!, options.FollowSecret!);
                total = await new FeedFollower(feed, projection, rules, options.FollowStore, pageSize: 2000).CatchUpAsync(cancellationToken);
            }
            else
            {
                var database = new SqliteDatabase(lrs.DatabasePath);
                using var statements = new SqliteStatementStore(database);
                var stores = (await new SqliteCredentialStore(database).ListAsync(cancellationToken)).Select(c => c.StoreId).Append(lrs.DefaultStore).Distinct(StringComparer.Ordinal);
                foreach (var store in stores)
                {
                    total += await new FeedFollower(new StoreFeed(statements, store), projection, rules, store, pageSize: 2000).CatchUpAsync(cancellationToken);
                }
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"projection rebuilt under rules {rules.Fingerprint}: {total} statements in {watch.Elapsed.TotalSeconds:F1} s ({total / Math.Max(0.001, watch.Elapsed.TotalSeconds):F0}/s)"));
        }

        return 0;
    }
}
