using Lrs.Analytics.Classification;
using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Projection;

/// <summary>Turns a statement (activity types already completed from the LRS) into its projection row. Pure.</summary>
public sealed class StatementProjector(AnalyticsRules rules)
{
    private readonly StatementClassifier _classifier = new(rules);

    public TopicResolver Topics { get; } = new(rules);

    public ProjectedRow Project(StatementView s, DateTimeOffset stored)
    {
        var cls = _classifier.Classify(s);
        var topic = Topics.Resolve(s)?.Topic;
        var objectId = s.Object?.Id;
        return new ProjectedRow(
            s.Id,
            s.Timestamp ?? stored.UtcDateTime,
            stored.UtcDateTime,
            cls,
            topic,
            s.ActorKey,
            s.Verb,
            objectId,
            IsCompletion: cls == StatementClass.Formal && MetricVerbs.IsCompletion(s.Verb) && objectId is not null &&
                topic is not null && Topics.TopicOf(objectId) == topic,
            IsAsk: cls == StatementClass.Social && s.Verb == MetricVerbs.Asked && objectId is not null,
            IsAnswer: cls == StatementClass.Social && s.Verb == MetricVerbs.Answered && objectId is not null)
        {
            Teams = s.Teams.Select(t => t.Key).ToList(),
        };
    }
}
