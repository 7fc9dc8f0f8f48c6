namespace Lrs.Server.Analytics;

/// <summary>
/// Wakes the analytics follower when statements are stored, so they show in the dashboard at once rather than at
/// the next poll. Signals coalesce: many stores while the follower works wake it once more.
/// </summary>
public sealed class StatementSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up covers both.
        }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
