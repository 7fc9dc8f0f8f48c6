using Lrs.Storage.Mongo;

namespace Lrs.Server.Hosting;

/// <summary>
/// With LRS_STORAGE=mongo, does the database's start-up work (indexes, schema version, first seal of the feed) as
/// soon as the host starts, retrying while MongoDB is out of reach. The host does not wait for it: liveness answers at
/// once, readiness once the store does.
/// </summary>
public sealed partial class MongoStartup(MongoStatementStore store, ILogger<MongoStartup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.EnsureReadyAsync(stoppingToken);
                LogReady(logger);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotReady(logger, e.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB store ready (indexes and schema version checked)")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MongoDB store not ready: {Reason}; retrying in {Seconds} s")]
    private static partial void LogNotReady(ILogger logger, string reason, double seconds);
}
