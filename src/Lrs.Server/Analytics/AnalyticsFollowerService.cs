using Lrs.Analytics.Feed;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;
using Lrs.Server.Hosting;
using Lrs.Xapi.Storage;

namespace Lrs.Server.Analytics;

/// <summary>
/// Keeps the projection current: catches up every store's feed when woken by a stored statement, and at least every
/// poll interval. With LRS_FOLLOW_URL it follows that LRS instead. Failures are logged and retried, never fatal.
/// </summary>
public sealed partial class AnalyticsFollowerService(
    AnalyticsProjection projection,
    AnalyticsRules rules,
    AnalyticsOptions options,
    LrsOptions lrs,
    StatementSignal signal,
    IStatementStore store,
    ICredentialStore credentials,
    ProjectionRebuild rebuild,
    ILogger<AnalyticsFollowerService> log) : BackgroundService
{
    /// <summary>How long a wake-up waits for more statements before catching up: the dashboard lags by this much at most.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, FeedFollower> _followers = new(StringComparer.Ordinal);
    private HttpClient? _http;

    /// <summary>The loop runs on a low-priority thread of its own (<see cref="BackgroundThread"/>), so catch-ups yield the cores to requests.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => BackgroundThread.Run("analytics follower", () => FollowAsync(stoppingToken));

    /// <summary>
    /// After a large catch-up the GC heap keeps the size the catch-up's garbage gave it (gen2 about 25 MB on 15 MB live
    /// after 1M statements, 60 MB committed), and the GC sizes gen2's next budget from it: under the batched POSTs
    /// that followed, committed memory grew to about 135 MB against about 105 MB from a compact start. One blocking
    /// compacting collection (tens of ms, once per catch-up of 10,000 statements or more) starts traffic from the
    /// live size instead.
    /// </summary>
    private static void CompactHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        if (projection.ResetForRules)
        {
            LogRebuild(log, rules.Fingerprint);
        }

        if (projection.ResetForSchema)
        {
            LogSchemaRebuild(log, AnalyticsProjection.SchemaVersion);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var memoryLimit = projection.MemoryLimitMb;
            try
            {
                if (rebuild.TryTake())
                {
                    // New followers too: each remembers the names it wrote, which the reset just deleted.
                    LogRebuildRequested(log);
                    projection.Reset();
                    _followers.Clear();
                }

                var takenAll = 0;
                foreach (var follower in await FollowersAsync(stoppingToken))
                {
                    var taken = await follower.CatchUpAsync(stoppingToken);
                    takenAll += taken;
                    if (taken > 0)
                    {
                        LogTaken(log, taken, follower.Store);
                    }
                }

                // Every feed read to its end: after a large catch-up, hand back what DuckDB kept from it now, since
                // live traffic may never leave writing idle long enough for the idle release.
                if (projection.ReleaseAfterCatchUp(takenAll))
                {
                    foreach (var follower in _followers.Values)
                    {
                        follower.ForgetCaches();
                    }

                    CompactHeap();
                }
            }
            catch (DuckDB.NET.Data.DuckDBException e) when (e.ErrorType == DuckDB.NET.Native.DuckDBErrorType.OutOfMemory)
            {
                // The catch-up is one transaction, rolled back whole: the next one replays it under the grown limit.
                projection.GrowMemory(memoryLimit);
                LogFailed(log, e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }

            try
            {
                // While statements keep arriving, let them gather a moment: each catch-up is one projection transaction
                // with fixed costs (checkpoint, voided-row check, name upserts), and under a stream of single-statement
                // POSTs waking at every write spent more on those than on the rows.
                if (await signal.WaitAsync(options.PollInterval, stoppingToken))
                {
                    await Task.Delay(Settle, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override void Dispose()
    {
        _http?.Dispose();
        base.Dispose();
    }

    /// <summary>One follower per store of this LRS (the default and every credential's), or one for the followed LRS.</summary>
    private async Task<IEnumerable<FeedFollower>> FollowersAsync(CancellationToken cancellationToken)
    {
        if (options.FollowUrl is { } url)
        {
            if (_followers.Count == 0)
            {
                _http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var remote = new RemoteLrsFeed(_http, url, options.FollowKey!, options.FollowSecret!);
                _followers[options.FollowStore] = new FeedFollower(remote, projection, rules, options.FollowStore);
            }

            return _followers.Values;
        }

        var stores = (await credentials.ListAsync(cancellationToken)).Select(c => c.StoreId).Append(lrs.DefaultStore);
        foreach (var id in stores)
        {
            if (!_followers.ContainsKey(id))
            {
                _followers[id] = new FeedFollower(new StoreFeed(store, id), projection, rules, id);
            }
        }

        return _followers.Values;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "analytics rules changed (now {Fingerprint}): rebuilding the projection from the statement feed")]
    private static partial void LogRebuild(ILogger logger, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "analytics projection rebuild requested over HTTP: replaying the statement feed")]
    private static partial void LogRebuildRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "analytics projection layout changed (now version {Version}): rebuilding the projection from the statement feed")]
    private static partial void LogSchemaRebuild(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "analytics took {Count} statements of store {Store}")]
    private static partial void LogTaken(ILogger logger, int count, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "analytics could not follow the statement feed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
