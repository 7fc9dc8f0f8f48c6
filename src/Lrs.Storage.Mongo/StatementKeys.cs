using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>
/// The values a statement matches on, as sets: its own index, plus its target's when it refers to another statement.
/// The same union the SQLite store writes as key rows, so both backends answer every filter alike.
/// </summary>
internal sealed record StatementKeys(
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> RelatedAgents,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> Activities,
    IReadOnlyList<string> RelatedActivities,
    IReadOnlyList<Guid> Registrations)
{
    public static StatementKeys From(StatementIndex index) => new(
        index.Agents,
        index.RelatedAgents,
        [index.Verb],
        index.Activities,
        index.RelatedActivities,
        index.Registration is { } r ? [r] : []);

    /// <summary>These keys with a referenced statement's own index added.</summary>
    public StatementKeys With(StatementIndex target) => new(
        Union(Agents, target.Agents),
        Union(RelatedAgents, target.RelatedAgents),
        Union(Verbs, [target.Verb]),
        Union(Activities, target.Activities),
        Union(RelatedActivities, target.RelatedActivities),
        target.Registration is { } r && !Registrations.Contains(r) ? [.. Registrations, r] : Registrations);

    /// <summary>Every (agent, verb) pair, as the embedded documents the agent+verb index holds.</summary>
    public IEnumerable<BsonDocument> AgentVerbs() =>
        Agents.SelectMany(a => Verbs.Select(v => AgentVerb(a, v)));

    /// <summary>One agent+verb pair; field order is part of equality for embedded documents, so only this builds it.</summary>
    public static BsonDocument AgentVerb(string agent, string verb) => new() { { "a", agent }, { "v", verb } };

    private static List<string> Union(IReadOnlyList<string> mine, IReadOnlyList<string> theirs) =>
        mine.Concat(theirs).Distinct(StringComparer.Ordinal).ToList();
}
