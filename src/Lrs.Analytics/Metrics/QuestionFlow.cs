namespace Lrs.Analytics.Metrics;

/// <summary>
/// GET /api/analytics/questions: questions per ISO week of their first ask (empty weeks filled), how many of them got
/// a counting answer, and how long the answered ones waited for their first one.
/// </summary>
public sealed record QuestionFlow(string? Topic, IReadOnlyList<QuestionWeek> Weeks, IReadOnlyList<AnswerDelayBucket> TimeToFirstAnswer);

/// <summary>Questions first asked in this week, and how many of those have a counting answer (at any time since).</summary>
public sealed record QuestionWeek(string Week, DateTime Start, long Asked, long Answered);

/// <summary>Answered questions whose first counting answer came within [FromHours, ToHours) of the first ask (no ToHours: open-ended).</summary>
public sealed record AnswerDelayBucket(string Label, double FromHours, double? ToHours, long Questions);

/// <summary>
/// GET /api/analytics/funnel: the seek, sense, share funnel of a topic's completers, each stage counted over the
/// completers' own statements on the topic at or after their completion (t0).
/// </summary>
/// <param name="Topic">The topic IRI.</param>
/// <param name="Completed">Completers of the topic.</param>
/// <param name="AskedOrCommented">Completers who then asked, commented or replied (seek and sense).</param>
/// <param name="AnsweredOrShared">Completers who then gave a counting answer or shared something (share for others).</param>
public sealed record HandoffFunnel(string Topic, long Completed, long AskedOrCommented, long AnsweredOrShared);
