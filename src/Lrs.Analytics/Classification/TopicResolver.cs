using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Classification;

/// <summary>
/// The topic a statement is about: the first course-typed activity (object, then context parent, grouping, other),
/// else the first category that is not a formal marker (a tag), else none. Aliases from the rules map several
/// activity ids to one topic.
/// </summary>
public sealed class TopicResolver(AnalyticsRules rules)
{
    /// <summary>The topic's id (after aliasing) and the activity it was found on, or null when the statement has no topic.</summary>
    public (string Topic, ActivityRef Source)? Resolve(StatementView s)
    {
        var course = (s.Object is null ? [] : new[] { s.Object })
            .Concat(s.Parent).Concat(s.Grouping).Concat(s.Other)
            .FirstOrDefault(a => a.Type is { } t && rules.CourseTypes.Contains(t));
        var source = course ?? s.Category.FirstOrDefault(c => !rules.FormalMarkerCategories.Contains(c.Id));
        return source is null ? null : (TopicOf(source.Id), source);
    }

    /// <summary>The topic an activity id counts as.</summary>
    public string TopicOf(string activityId) => rules.TopicAliases.TryGetValue(activityId, out var topic) ? topic : activityId;
}
