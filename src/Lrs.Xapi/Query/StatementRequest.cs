using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;

namespace Lrs.Xapi.Query;

/// <summary>A parsed GET /statements: one statement by id, or a filtered page.</summary>
public abstract record StatementRequest(StatementFormat Format, bool Attachments);

/// <summary>GET by statementId, or by voidedStatementId when <see cref="Voided"/> is true.</summary>
public sealed record SingleStatementRequest(Guid Id, bool Voided, StatementFormat Format, bool Attachments)
    : StatementRequest(Format, Attachments);

/// <summary>
/// A filtered query. <see cref="Parameters"/> are the validated query parameters as sent, kept so that a "more" link
/// can repeat them.
/// </summary>
public sealed record StatementQueryRequest(
    StatementFilter Filter,
    StatementFormat Format,
    bool Attachments,
    IReadOnlyDictionary<string, string> Parameters)
    : StatementRequest(Format, Attachments);
