using System.Globalization;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Feed;

/// <summary>The feed of the LRS the projection runs in: the store's feed positions, read directly.</summary>
public sealed class StoreFeed(IStatementStore store, string storeId) : IStatementFeed
{
    public string Name => "store:" + storeId;

    public async Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
    {
        var after = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
        var page = await store.ReadFeedAsync(storeId, after, max, cancellationToken);
        var next = page.Count == 0 ? after : page[^1].Position;
        return new FeedPage(
            page.Select(s => new FeedStatement(s.Id, s.Json, s.Stored, s.Voided)).ToList(),
            next.ToString(CultureInfo.InvariantCulture),
            HasMore: page.Count == max,
            MayRepeat: false);
    }

    public Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
        store.GetActivityDefinitionAsync(storeId, activityId, cancellationToken);
}
