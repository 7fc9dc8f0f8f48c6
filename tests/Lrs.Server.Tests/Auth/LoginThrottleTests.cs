using Lrs.Server.Auth;

namespace Lrs.Server.Tests.Auth;

/// <summary>The lockout window, on a clock the test moves.</summary>
public sealed class LoginThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_email_is_locked_after_the_fifth_failure_until_the_first_leaves_the_window()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Null(throttle.LockedFor("ann@example.org"));
            throttle.Failed("ann@example.org");
            clock.Now += TimeSpan.FromSeconds(10);
        }

        Assert.Equal(LoginThrottle.Window - TimeSpan.FromSeconds(50), throttle.LockedFor("ANN@example.org"));
        clock.Now += LoginThrottle.Window - TimeSpan.FromSeconds(50);
        Assert.Null(throttle.LockedFor("ann@example.org"));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("bob@example.org");
        }

        clock.Now += LoginThrottle.Window;
        throttle.Failed("bob@example.org");

        Assert.Null(throttle.LockedFor("bob@example.org"));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failures_of_that_email_only()
    {
        var throttle = new LoginThrottle(new ManualClock());
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("cat@example.org");
            throttle.Failed("dan@example.org");
        }

        throttle.Succeeded("cat@example.org");
        throttle.Failed("cat@example.org");
        throttle.Failed("dan@example.org");

        Assert.Null(throttle.LockedFor("cat@example.org"));
        Assert.NotNull(throttle.LockedFor("dan@example.org"));
    }
}
