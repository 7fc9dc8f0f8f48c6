using Lrs.Analytics.Classification;

namespace Lrs.Analytics.Feed;

/// <summary>
/// What the LRS's activity definitions tell the follower: a statement often names a course by id only. Found
/// definitions are kept; "none held" is kept only briefly, since the activity may be defined by a later statement.
/// Only an activity's type and name are kept, not its definition: at 50,000 activities (every question is one)
/// the definitions' Json.NET trees held about 40 MB for the two strings the classification reads.
/// </summary>
internal sealed class DefinitionCache(IStatementFeed feed, TimeSpan negativeLifetime)
{
    private const int MaxEntries = 50_000;
    private readonly Dictionary<string, (ActivityRef? Held, long At)> _entries = new(StringComparer.Ordinal);

    /// <summary>One string per activity type (a few dozen), instead of one per activity.</summary>
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    /// <summary>
    /// The follower asks for every activity a statement names without a type, statement by statement, so nearly every
    /// call is answered from memory: a ValueTask costs such a call no allocation, where a Task cost one each.
    /// </summary>
    public async ValueTask<ActivityRef?> GetAsync(string activityId, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_entries.TryGetValue(activityId, out var entry) &&
            (entry.Held is not null || now - entry.At < negativeLifetime.TotalMilliseconds))
        {
            return entry.Held;
        }

        var held = ActivityRef.Held(activityId, await feed.GetActivityDefinitionAsync(activityId, cancellationToken));
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
            _types.Clear();
        }

        if (held?.Type is { } type)
        {
            held = held with { Type = _types.TryGetValue(type, out var shared) ? shared : _types[type] = type };
        }

        _entries[activityId] = (held, now);
        return held;
    }

    /// <summary>Forgets every entry and gives back the table's memory (see <see cref="FeedFollower.ForgetCaches"/>).</summary>
    public void Clear()
    {
        _entries.Clear();
        _entries.TrimExcess();
        _types.Clear();
    }

    /// <summary>What is known without asking the LRS (for the pure steps that follow a lookup round).</summary>
    public ActivityRef? Known(string activityId) => _entries.TryGetValue(activityId, out var e) ? e.Held : null;
}
