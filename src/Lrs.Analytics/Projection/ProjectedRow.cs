using Lrs.Analytics.Classification;

namespace Lrs.Analytics.Projection;

/// <summary>One classified statement as the projection stores it (table facts, and its teams in fact_teams).</summary>
public sealed record ProjectedRow(
    Guid StatementId,
    DateTime Timestamp,
    DateTime Stored,
    StatementClass Class,
    string? Topic,
    string? Actor,
    string Verb,
    string? ObjectId,
    bool IsCompletion,
    bool IsAsk,
    bool IsAnswer)
{
    /// <summary>The keys of the teams the statement's context names.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
}

/// <summary>
/// What one step of the feed adds to the projection, written atomically with the new checkpoint: rows, statements
/// voided, names learnt, and the cursor to continue from.
/// </summary>
public sealed record ProjectionBatch
{
    public required string Store { get; init; }

    public IReadOnlyList<ProjectedRow> Rows { get; init; } = [];

    public IReadOnlyList<Guid> Voids { get; init; } = [];

    /// <summary>Statements voided whose rows are known not to exist (the feed handed them over voided): recorded, not searched for.</summary>
    public IReadOnlyList<Guid> VoidsNeverProjected { get; init; } = [];

    /// <summary>Agent IFI key to the latest name the batch gives it.</summary>
    public IReadOnlyDictionary<string, string> AgentNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Team key to the latest name the batch gives it.</summary>
    public IReadOnlyDictionary<string, string> TeamNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Topic or question id to its display name.</summary>
    public IReadOnlyDictionary<string, string> ActivityNames { get; init; } = new Dictionary<string, string>();

    public required string Cursor { get; init; }

    /// <summary>Names the feed, so a projection switched to another feed starts over instead of mixing cursors.</summary>
    public required string Source { get; init; }

    /// <summary>True when the feed may hand over a statement again (a remote LRS read with overlap): rows already held are skipped.</summary>
    public bool MayRepeat { get; init; }
}

/// <summary>Where a store's projection stands.</summary>
public sealed record Checkpoint(string Cursor, long Seq, string Source);
