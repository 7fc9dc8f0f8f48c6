namespace Lrs.Server.Analytics;

/// <summary>
/// A rebuild of the projection asked for over HTTP. The follower performs it between two catch-ups, never beside
/// one: a reset under a running catch-up would let that catch-up write rows after the reset with its old cursor.
/// </summary>
public sealed class ProjectionRebuild(StatementSignal signal)
{
    private int _requested;

    /// <summary>When the last rebuild was asked for (null: none since the server started).</summary>
    public DateTimeOffset? RequestedAt { get; private set; }

    public void Request(DateTimeOffset at)
    {
        RequestedAt = at;
        Interlocked.Exchange(ref _requested, 1);
        signal.Notify();
    }

    /// <summary>True once per request: the caller then rebuilds.</summary>
    public bool TryTake() => Interlocked.Exchange(ref _requested, 0) == 1;
}
