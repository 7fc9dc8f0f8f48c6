using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Feed;

/// <summary>A statement handed over by a feed: its JSON, when the LRS stored it, and whether it is voided by now.</summary>
public sealed record FeedStatement(Guid Id, string Json, DateTimeOffset Stored, bool Voided);

/// <summary>
/// One read of a feed: statements in feed order, the cursor that continues after them (null before the first
/// statement), and whether more are known to wait.
/// </summary>
public sealed record FeedPage(IReadOnlyList<FeedStatement> Statements, string? Cursor, bool HasMore, bool MayRepeat);

/// <summary>
/// Where the projection's statements come from: the LRS it runs in, or another LRS over xAPI.
/// </summary>
/// <remarks>
/// Contract: <see cref="ReadAsync"/> returns statements in the order the LRS stored them, starting after
/// <c>cursor</c> (null: from the beginning), never skipping one; a page with no statements and no HasMore means the
/// feed is caught up for now.
/// A feed that may hand over a statement twice says so with <see cref="FeedPage.MayRepeat"/>. Voiding statements are
/// included. <see cref="Name"/> is stable for a given feed, so a checkpoint written by another feed is recognised.
/// </remarks>
public interface IStatementFeed
{
    string Name { get; }

    Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken);

    /// <summary>The definition the LRS holds for an activity (type, name...), or null when it holds none.</summary>
    Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken);
}
