namespace Lrs.Storage.Mongo.Tests;

/// <summary>The planner's view of a database, held in dictionaries.</summary>
internal sealed class MemoryLookup : IStatementLookup
{
    public Dictionary<(string, Guid), HeldStatement> Statements { get; } = [];

    public HashSet<(string, Guid)> VoidTargets { get; } = [];

    public Dictionary<(string, string), string> Definitions { get; } = [];

    public HashSet<(string, string)> Attachments { get; } = [];

    public Task<HeldStatement?> FindAsync(string store, Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Statements.GetValueOrDefault((store, id)));

    public Task<bool> IsVoidTargetAsync(string store, Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(VoidTargets.Contains((store, id)));

    public Task<string?> FindDefinitionAsync(string store, string activityId, CancellationToken cancellationToken) =>
        Task.FromResult(Definitions.GetValueOrDefault((store, activityId)));

    public Task<bool> HasAttachmentAsync(string store, string sha2, CancellationToken cancellationToken) =>
        Task.FromResult(Attachments.Contains((store, sha2)));
}
