using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Feed;

/// <summary>
/// The LRS's activity definitions as the follower needs them: a statement often names a course by id only. Found
/// definitions are kept; "none held" is kept only briefly, since the activity may be defined by a later statement.
/// </summary>
internal sealed class DefinitionCache(IStatementFeed feed, TimeSpan negativeLifetime)
{
    private const int MaxEntries = 50_000;
    private readonly Dictionary<string, (JObject? Definition, long At)> _entries = new(StringComparer.Ordinal);

    public async Task<JObject?> GetAsync(string activityId, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_entries.TryGetValue(activityId, out var entry) &&
            (entry.Definition is not null || now - entry.At < negativeLifetime.TotalMilliseconds))
        {
            return entry.Definition;
        }

        var definition = await feed.GetActivityDefinitionAsync(activityId, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[activityId] = (definition, now);
        return definition;
    }

    /// <summary>What is known without asking the LRS (for the pure steps that follow a lookup round).</summary>
    public JObject? Known(string activityId) => _entries.TryGetValue(activityId, out var e) ? e.Definition : null;
}
