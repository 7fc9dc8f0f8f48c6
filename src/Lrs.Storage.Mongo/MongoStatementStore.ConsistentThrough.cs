namespace Lrs.Storage.Mongo;

/// <summary>
/// X-Experience-API-Consistent-Through: an instant such that every statement stored at or before it is visible, for
/// statements written by any instance. See <see cref="FeedCounter"/>: stored strictly increases from one write
/// transaction to the next, and transactions commit in counter order, so once a transaction stamped t has committed
/// every statement stored at or before t has too. Two things tell an instance such a t: its own commits, and a seal
/// of the counter (a plain update that waits for the write in progress, whoever runs it, and moves the next stamp past
/// now). The property is synchronous, so it answers from what the instance knows and starts a seal in the background
/// when that is more than a second old: on an idle database the value lags by about a second, never ahead. Before the
/// first seal (the database not reached yet) it is the Unix epoch: true, if useless.
/// </summary>
public sealed partial class MongoStatementStore
{
    private static readonly TimeSpan SealInterval = TimeSpan.FromSeconds(1);

    private long _consistentThroughMs;
    private long _sealedAtTimestamp;
    private int _sealing;

    public DateTimeOffset ConsistentThrough
    {
        get
        {
            if (_clock.GetElapsedTime(Interlocked.Read(ref _sealedAtTimestamp)) > SealInterval && Interlocked.CompareExchange(ref _sealing, 1, 0) == 0)
            {
                _ = SealInBackgroundAsync();
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _consistentThroughMs));
        }
    }

    private async Task SealInBackgroundAsync()
    {
        try
        {
            await RefreshConsistentThroughAsync();
        }
        catch (Exception e) when (e is MongoDB.Driver.MongoException or TimeoutException or OperationCanceledException)
        {
            // The database is unreachable: keep the last known value, which stays true; readiness reports the outage.
        }
        finally
        {
            Interlocked.Exchange(ref _sealing, 0);
        }
    }

    private async Task RefreshConsistentThroughAsync()
    {
        await _db.EnsureReadyAsync(CancellationToken.None);
        var started = _clock.GetTimestamp();
        var sealedMs = await FeedCounter.SealAsync(_db.Counters, _clock.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        RaiseConsistentThrough(sealedMs);
        Interlocked.Exchange(ref _sealedAtTimestamp, started);
    }

    private void RaiseConsistentThrough(long storedMs)
    {
        var current = Interlocked.Read(ref _consistentThroughMs);
        while (storedMs > current)
        {
            var seen = Interlocked.CompareExchange(ref _consistentThroughMs, storedMs, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
