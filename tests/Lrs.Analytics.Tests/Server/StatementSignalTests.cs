using Lrs.Server.Analytics;

namespace Lrs.Analytics.Tests.Server;

/// <summary>The follower's wake-up: signals coalesce, none is lost, and notifying never throws.</summary>
public sealed class StatementSignalTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Many_notifications_before_a_wait_wake_the_follower_once()
    {
        var signal = new StatementSignal();
        for (var i = 0; i < 1000; i++)
        {
            signal.Notify();
        }

        Assert.True(await signal.WaitAsync(Short, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task A_notification_after_a_wake_up_wakes_the_follower_again()
    {
        var signal = new StatementSignal();
        signal.Notify();
        Assert.True(await signal.WaitAsync(Short, CancellationToken.None));

        signal.Notify();
        Assert.True(await signal.WaitAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task A_notification_while_the_follower_waits_wakes_it()
    {
        var signal = new StatementSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.Notify();
        Assert.True(await waiting);
    }

    [Fact]
    public async Task Notifications_racing_a_wake_up_never_leave_the_signal_stuck()
    {
        // Each round: writers notify concurrently with the follower's wake-up. Whatever the interleaving, the flag and
        // the semaphore must end consistent: a flag left set with no release to match would swallow every later
        // notification, which the notify-then-wait after the race would show.
        var signal = new StatementSignal();
        for (var round = 0; round < 200; round++)
        {
            signal.Notify();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(signal.Notify)).ToArray();
            Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
            await Task.WhenAll(writers);
            signal.Notify();
            Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
            while (await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None))
            {
                // Drain what the writers left, so the next round starts from no signal.
            }
        }
    }
}
