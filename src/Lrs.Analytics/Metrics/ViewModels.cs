namespace Lrs.Analytics.Metrics;

/// <summary>GET /api/analytics/weekly: statements per ISO week and class (weeks with none are listed with zeros).</summary>
public sealed record WeeklySeries(string? Topic, IReadOnlyList<WeekCounts> Weeks);

/// <summary>One ISO week (Monday 00:00 UTC), written like 2026-W07, with its start instant.</summary>
public sealed record WeekCounts(string Week, DateTime Start, long Formal, long Social, long Experiential, long System);

/// <summary>
/// GET /api/analytics/handoff: the completers' activity on the topic, week by week relative to their own completion
/// (week 0 starts at t0). socialShare is the share of completers with a social statement in that week.
/// </summary>
public sealed record HandoffCurve(string Topic, long Completers, IReadOnlyList<HandoffPoint> Points);

public sealed record HandoffPoint(long WeekOffset, long Formal, long Social, long Experiential, long ActiveLearners, long SocialLearners, double SocialShare);

/// <summary>GET /api/analytics/network: who answers whose questions on a topic (counting answers only).</summary>
public sealed record QuestionNetwork(string Topic, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges);

/// <summary>A person in the network; id is their IFI key, as used by the edges.</summary>
public sealed record NetworkNode(string Id, AgentRef Agent, long Asked, long Answers, bool CompletedTopic);

public sealed record NetworkEdge(string Asker, string Answerer, long Answers, long Questions);

/// <summary>GET /api/analytics/unanswered: questions asked by asOf with no counting answer, oldest first.</summary>
public sealed record UnansweredQuestions(string? Topic, DateTime AsOf, IReadOnlyList<OpenQuestion> Questions);

public sealed record OpenQuestion(string Question, string? Name, string Topic, AgentRef? Asker, DateTime AskedAt, double WaitingHours);

/// <summary>GET /api/analytics/learner: one learner's topics, weekly activity and latest statements.</summary>
public sealed record LearnerTimeline(AgentRef Agent, IReadOnlyList<LearnerTopic> Topics, IReadOnlyList<WeekCounts> Weeks, IReadOnlyList<LearnerEvent> Recent);

public sealed record LearnerTopic(string Topic, string? Name, long Formal, long Social, long Experiential, long System, DateTime? CompletedAt, DateTime LastActivity);

public sealed record LearnerEvent(Guid StatementId, DateTime Timestamp, string Class, string Verb, string? Topic, string? Object);

/// <summary>GET /api/analytics/status: how far the projection has followed the caller's store.</summary>
public sealed record ProjectionStatus(string Store, string? Source, string? Cursor, long Rows, DateTime? Updated, string Rules);

/// <summary>GET /api/analytics/teams: every team statements name (context.team, 2.0 contextGroups), for the team filter.</summary>
public sealed record TeamList(IReadOnlyList<TeamSummary> Teams);

/// <summary>
/// A team: its key (the group's IFI key, or 'members:' and a digest for an anonymous group; the value of the team
/// filter), its latest name, its members (learners with a statement naming it) and how many statements name it.
/// </summary>
public sealed record TeamSummary(string Team, string? Name, long Members, long Statements);
