namespace Lrs.Analytics.Metrics;

/// <summary>GET /api/analytics/topics: every topic with its class mix and completers.</summary>
public sealed record TopicList(IReadOnlyList<TopicSummary> Topics);

public sealed record TopicSummary(string Topic, string? Name, long Formal, long Social, long Experiential, long System, long Completers);

/// <summary>GET /api/analytics/topic: the hand-off metrics of one topic (definitions in src/Lrs.Analytics/README.md).</summary>
public sealed record TopicReport(
    string Topic,
    string? Name,
    ClassMix Mix,
    long Completers,
    double SocialAfterTraining90,
    double? MedianDaysToFirstSocial,
    string? CrossoverWeek,
    QuestionStats Questions,
    IReadOnlyList<Helper> Helpers,
    IReadOnlyList<IsolatedCompleter> IsolatedCompleters);

public sealed record ClassMix(long Formal, long Social, long Experiential, long System);

public sealed record QuestionStats(long Asked, long Answered, double AnswerRate, double? MedianMinutesToFirstAnswer);

public sealed record Helper(AgentRef Agent, long Answers, bool CompletedTopic);

public sealed record IsolatedCompleter(AgentRef Agent);

/// <summary>GET /api/analytics/ranking: topics by social activity, with the topic report's headline figures.</summary>
public sealed record TopicRanking(IReadOnlyList<RankedTopic> Topics);

public sealed record RankedTopic(
    string Topic,
    string? Name,
    ClassMix Mix,
    long Completers,
    double SocialAfterTraining90,
    string? CrossoverWeek,
    QuestionStats Questions);
