namespace Lrs.Xapi.Storage;

public enum DocumentKind
{
    State = 1,
    ActivityProfile = 2,
    AgentProfile = 3,
}

/// <summary>
/// Which set of documents: State documents belong to an activity, an agent and optionally a registration; activity
/// profiles to an activity; agent profiles to an agent. Absent parts are empty strings so keys compare simply.
/// </summary>
public sealed record DocumentScope(DocumentKind Kind, string ActivityId, string AgentKey, string Registration)
{
    public static DocumentScope State(string activityId, string agentKey, Guid? registration) =>
        new(DocumentKind.State, activityId, agentKey, registration?.ToString("D") ?? "");

    public static DocumentScope ActivityProfile(string activityId) => new(DocumentKind.ActivityProfile, activityId, "", "");

    public static DocumentScope AgentProfile(string agentKey) => new(DocumentKind.AgentProfile, "", agentKey, "");
}

public sealed record StoredDocument(string Id, byte[] Content, string ContentType, string ETag, DateTimeOffset Updated);

/// <summary>What a write decided to do with the document, given its current version.</summary>
public abstract record DocumentChange
{
    public static readonly DocumentChange Keep = new KeepChange();

    public static readonly DocumentChange Delete = new DeleteChange();

    public static DocumentChange Replace(byte[] content, string contentType) => new ReplaceChange(content, contentType);

    public sealed record KeepChange : DocumentChange;

    public sealed record DeleteChange : DocumentChange;

    public sealed record ReplaceChange(byte[] Content, string ContentType) : DocumentChange;
}

/// <summary>
/// State, activity profile and agent profile documents.
/// </summary>
/// <remarks>
/// Contract: ChangeAsync runs <c>decide</c> against the current document (null when absent) and applies its answer
/// atomically: no other write to the same document happens between the read and the write. <c>decide</c> may throw
/// (precondition failed, conflict, bad merge) and then nothing changes. The store computes the ETag of what it writes
/// with <see cref="Documents.DocumentETag.Compute"/>.
/// </remarks>
public interface IDocumentStore
{
    Task<StoredDocument?> GetAsync(string storeId, DocumentScope scope, string documentId, CancellationToken cancellationToken);

    /// <summary>Ids of the documents in a scope, optionally only those updated after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(string storeId, DocumentScope scope, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Applies a change decided from the current document; returns the document as it is afterwards (null if none).</summary>
    Task<StoredDocument?> ChangeAsync(string storeId, DocumentScope scope, string documentId, Func<StoredDocument?, DocumentChange> decide, CancellationToken cancellationToken);

    /// <summary>Deletes every document in a scope (State DELETE without stateId).</summary>
    Task DeleteAllAsync(string storeId, DocumentScope scope, CancellationToken cancellationToken);

    /// <summary>Every agent profile document of one agent, for a learner taking their record elsewhere.</summary>
    Task<IReadOnlyList<StoredDocument>> GetAgentProfilesAsync(string storeId, string agentKey, CancellationToken cancellationToken);
}
