using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Storage;

/// <summary>
/// Where statements, their attachments and the canonical activity definitions live. Every backend passes the same
/// contract tests (tests/Lrs.Storage.ContractTests).
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item>StoreAsync is atomic: every statement of the batch is stored, or none is. It is safe to call concurrently.</item>
/// <item>A statement whose id is already stored is compared with <see cref="Statements.StatementComparer"/>: when equal
/// it is skipped; when different the batch fails with ConflictException.</item>
/// <item>The store stamps "stored" (and "timestamp" when the statement has none) with the same UTC instant, at
/// millisecond precision, never decreasing along the feed.</item>
/// <item>A voiding statement marks its target voided, now or when the target arrives later. Voiding a voiding statement
/// fails the batch with a ValidationException.</item>
/// <item>A statement whose object is a StatementRef also matches the filters its target matches.</item>
/// <item>Queries never return voided statements; GetAsync returns them flagged.</item>
/// <item>Feed positions grow strictly in commit order; a reader that has seen position p never misses a later
/// statement with a smaller position.</item>
/// </list>
/// </remarks>
public interface IStatementStore
{
    Task StoreAsync(string storeId, StatementBatch batch, CancellationToken cancellationToken);

    Task<StoredStatement?> GetAsync(string storeId, Guid id, CancellationToken cancellationToken);

    Task<StatementPage> QueryAsync(string storeId, StatementFilter filter, CancellationToken cancellationToken);

    /// <summary>The attachments with these hashes that the store holds (unknown hashes are left out).</summary>
    Task<IReadOnlyList<AttachmentContent>> GetAttachmentsAsync(string storeId, IReadOnlyCollection<string> sha2s, CancellationToken cancellationToken);

    /// <summary>The canonical definition merged from the statements that defined this activity, or null if never seen.</summary>
    Task<JObject?> GetActivityDefinitionAsync(string storeId, string activityId, CancellationToken cancellationToken);

    /// <summary>Statements in feed order after a position, voided ones included, for projections that follow the LRS.</summary>
    Task<IReadOnlyList<StoredStatement>> ReadFeedAsync(string storeId, long afterPosition, int max, CancellationToken cancellationToken);

    /// <summary>Every statement stored before this instant is visible to queries (X-Experience-API-Consistent-Through).</summary>
    DateTimeOffset ConsistentThrough { get; }
}
