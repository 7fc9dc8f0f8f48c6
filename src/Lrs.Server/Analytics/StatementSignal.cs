namespace Lrs.Server.Analytics;

/// <summary>
/// Wakes the analytics follower when statements are stored, so they show in the dashboard at once rather than at
/// the next poll. Signals coalesce: many stores while the follower works wake it once more.
/// </summary>
public sealed class StatementSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>
    /// 1 from a Notify until the waiter takes it. Only the Notify that sets it releases the semaphore: releasing a full
    /// one throws, and catching that cost thousands of exceptions a second under single-statement load.
    /// </summary>
    private int _pending;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>
    /// Waits for a signal or the timeout; true when signalled. The flag is cleared before the caller reads the feed, so
    /// a Notify that found it still set is for statements stored before that read.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signalled = await _semaphore.WaitAsync(timeout, cancellationToken);
        if (signalled)
        {
            Interlocked.Exchange(ref _pending, 0);
        }

        return signalled;
    }
}
