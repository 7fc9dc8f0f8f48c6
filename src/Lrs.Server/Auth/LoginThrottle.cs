namespace Lrs.Server.Auth;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed sign-ins for one email within <see cref="Window"/>,
/// further attempts for that email (right or wrong) get 429 until the oldest failure leaves the window. Counted per
/// email whether or not the account exists, so the answer tells nothing about which emails have accounts. Kept in
/// memory: each dashboard process counts its own attempts.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Beyond this many emails tracked, those with no failure left in the window are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long this email stays locked out, or null when it may try now.</summary>
    public TimeSpan? LockedFor(string email)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_failures.TryGetValue(Key(email), out var failures))
            {
                return null;
            }

            Expire(failures, now);
            return failures.Count >= MaxFailures ? failures.Peek() + Window - now : null;
        }
    }

    public void Failed(string email)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_failures.Count > PruneAbove)
            {
                Prune(now);
            }

            if (!_failures.TryGetValue(Key(email), out var failures))
            {
                _failures[Key(email)] = failures = new Queue<DateTimeOffset>();
            }

            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    /// <summary>A successful sign-in clears the email's failures.</summary>
    public void Succeeded(string email)
    {
        lock (_lock)
        {
            _failures.Remove(Key(email));
        }
    }

    private static string Key(string email) => email.Trim().ToLowerInvariant();

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + Window <= now)
        {
            failures.Dequeue();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (email, failures) in _failures.ToList())
        {
            Expire(failures, now);
            if (failures.Count == 0)
            {
                _failures.Remove(email);
            }
        }
    }
}
