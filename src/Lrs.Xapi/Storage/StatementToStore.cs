using System.Text;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Storage;

/// <summary>
/// A statement that passed validation and preparation, with everything a store needs to write it: the JSON as it will
/// be returned (minus "stored", which the store stamps in feed order), and its index entries.
/// </summary>
public sealed class StatementToStore
{
    public required Guid Id { get; init; }

    private JObject? _statement;

    /// <summary>
    /// The prepared statement, for conflict comparison against one already stored under the same id. Parsed from
    /// <see cref="Utf8"/> when first asked: keeping the tree from ingest held about 35 KB per statement until the
    /// batch was committed (tens of MB for a batch of a thousand), for a comparison that is rarely made.
    /// </summary>
    public JObject Statement
    {
        get => _statement ??= (JObject)XapiJson.Parse(Utf8);
        init => _statement = value;
    }

    /// <summary>
    /// The prepared statement serialised as UTF-8: id, authority and version set, no "stored". Bytes rather than a
    /// string: the SQLite store writes bytes, and a batch holds its statements until the commit, long enough for them to
    /// be promoted to gen2 and die there; as UTF-16 they were half of what a prepared statement held (issue 6).
    /// </summary>
    public required byte[] Utf8 { get; init; }

    /// <summary>The prepared statement serialised, decoded from <see cref="Utf8"/> on every call.</summary>
    public string Json => Encoding.UTF8.GetString(Utf8);

    /// <summary>True when the statement arrived without a timestamp: the store sets it to the stored time.</summary>
    public required bool NeedsTimestamp { get; init; }

    public required StatementIndex Index { get; init; }

    /// <summary>The statement this one voids, when its verb is "voided".</summary>
    public Guid? Voids { get; init; }

    /// <summary>The statement this one targets with a StatementRef object (not voiding): it matches that target's filters.</summary>
    public Guid? RefersTo { get; init; }

    /// <summary>Activity definitions to merge into the canonical ones; empty when the credential may not define.</summary>
    public IReadOnlyList<ActivityDefinition> Definitions { get; init; } = [];

    /// <summary>
    /// The IFI key of the authority, so that a credential with the statements/read/mine scope sees its own statements.
    /// </summary>
    public string? AuthorityKey { get; init; }
}

/// <summary>
/// The values a query can filter on, flattened. Agent keys are <see cref="Model.Ifi"/> keys; the related sets are
/// supersets of the plain ones (related_agents / related_activities broaden the match).
/// </summary>
public sealed record StatementIndex(
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> RelatedAgents,
    string Verb,
    IReadOnlyList<string> Activities,
    IReadOnlyList<string> RelatedActivities,
    Guid? Registration);

/// <summary>An activity id and a definition seen for it in a statement.</summary>
public sealed record ActivityDefinition(string ActivityId, JObject Definition);

/// <summary>Statements written together: all of them, or none.</summary>
public sealed record StatementBatch(IReadOnlyList<StatementToStore> Statements, IReadOnlyList<AttachmentContent> Attachments);

/// <summary>The raw content of an attachment, addressed by its SHA-2 hash.</summary>
public sealed record AttachmentContent(string Sha2, string ContentType, byte[] Content);
