using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Analytics;

/// <summary>
/// The configured statement store, with a signal to the analytics follower after each successful write. Wrapping the
/// store (rather than the HTTP handlers) catches every way statements get in: POST, PUT, imports.
/// </summary>
public sealed class NotifyingStatementStore(IStatementStore inner, StatementSignal signal) : IStatementStore
{
    public DateTimeOffset ConsistentThrough => inner.ConsistentThrough;

    public async Task StoreAsync(string storeId, StatementBatch batch, CancellationToken cancellationToken)
    {
        await inner.StoreAsync(storeId, batch, cancellationToken);
        signal.Notify();
    }

    public Task<StoredStatement?> GetAsync(string storeId, Guid id, CancellationToken cancellationToken) =>
        inner.GetAsync(storeId, id, cancellationToken);

    public Task<StatementPage> QueryAsync(string storeId, StatementFilter filter, CancellationToken cancellationToken) =>
        inner.QueryAsync(storeId, filter, cancellationToken);

    public Task<IReadOnlyList<AttachmentContent>> GetAttachmentsAsync(string storeId, IReadOnlyCollection<string> sha2s, CancellationToken cancellationToken) =>
        inner.GetAttachmentsAsync(storeId, sha2s, cancellationToken);

    public Task<JObject?> GetActivityDefinitionAsync(string storeId, string activityId, CancellationToken cancellationToken) =>
        inner.GetActivityDefinitionAsync(storeId, activityId, cancellationToken);

    public Task<IReadOnlyList<StoredStatement>> ReadFeedAsync(string storeId, long afterPosition, int max, CancellationToken cancellationToken) =>
        inner.ReadFeedAsync(storeId, afterPosition, max, cancellationToken);
}
