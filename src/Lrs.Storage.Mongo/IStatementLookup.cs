namespace Lrs.Storage.Mongo;

/// <summary>
/// What the write planner reads from the database: inside the write transaction in production, a dictionary in the
/// unit tests.
/// </summary>
internal interface IStatementLookup
{
    Task<HeldStatement?> FindAsync(string store, Guid id, CancellationToken cancellationToken);

    /// <summary>Whether a voiding statement naming this id is stored (the target may arrive after its voider).</summary>
    Task<bool> IsVoidTargetAsync(string store, Guid id, CancellationToken cancellationToken);

    /// <summary>The canonical definition as JSON, or null.</summary>
    Task<string?> FindDefinitionAsync(string store, string activityId, CancellationToken cancellationToken);

    Task<bool> HasAttachmentAsync(string store, string sha2, CancellationToken cancellationToken);
}

/// <summary>A statement already stored: its JSON (stamped) and whether it voids another.</summary>
internal sealed record HeldStatement(string Json, bool Voiding);
