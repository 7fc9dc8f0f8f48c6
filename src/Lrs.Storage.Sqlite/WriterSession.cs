namespace Lrs.Storage.Sqlite;

/// <summary>What a write works with on the writer thread: its connection's commands and the next stored time.</summary>
internal sealed record WriterSession(StatementWriter Statements, DocumentWriter Documents, Func<long> NextStoredMs);
