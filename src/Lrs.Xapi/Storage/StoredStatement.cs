namespace Lrs.Xapi.Storage;

/// <summary>A statement as the store holds it: its feed position, the JSON as returned by format=exact, and whether it is voided.</summary>
public sealed record StoredStatement(long Position, Guid Id, string Json, DateTimeOffset Stored, bool Voided);

/// <summary>
/// A query as the store runs it: filters already resolved to index keys. <see cref="After"/> / <see cref="Before"/>
/// continue a previous page by feed position, so pages stay stable while new statements arrive.
/// </summary>
public sealed record StatementFilter
{
    public string? Agent { get; init; }

    public bool RelatedAgents { get; init; }

    public string? Verb { get; init; }

    public string? Activity { get; init; }

    public bool RelatedActivities { get; init; }

    public Guid? Registration { get; init; }

    /// <summary>Only statements stored strictly after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only statements stored at or before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only statements whose authority has this IFI key (the statements/read/mine scope).</summary>
    public string? AuthorityKey { get; init; }

    public bool Ascending { get; init; }

    /// <summary>Continue after this feed position (ascending order).</summary>
    public long? After { get; init; }

    /// <summary>Continue before this feed position (descending order).</summary>
    public long? Before { get; init; }

    /// <summary>At most this many statements; the store also says whether more exist.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>One page of a query: the statements, and whether another page follows.</summary>
public sealed record StatementPage(IReadOnlyList<StoredStatement> Statements, bool HasMore);
