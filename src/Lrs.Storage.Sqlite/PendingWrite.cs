namespace Lrs.Storage.Sqlite;

/// <summary>
/// Work for the database's one writer thread (<see cref="SqliteStatementStore"/>): done inside the open group commit and
/// answered once that commit is durable. Statement batches and document changes share the thread, so they share its
/// commits and never wait on each other's write lock.
/// </summary>
internal abstract class PendingWrite
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The statements it stores, counted toward a commit's bound.</summary>
    public virtual int Statements => 0;

    /// <summary>
    /// What refused this write without writing anything (a document change's precondition); given to its caller once the
    /// group is committed, without undoing the others. A refusal thrown as an XapiException instead takes the group
    /// through one savepoint per write.
    /// </summary>
    protected Exception? Refusal { get; set; }

    /// <summary>Writes inside the open transaction (or savepoint); may run again if the group is written again.</summary>
    public abstract void Write(WriterSession session);

    /// <summary>The group is committed: the caller gets its answer.</summary>
    public void Committed()
    {
        if (Refusal is { } refusal)
        {
            Completion.TrySetException(refusal);
        }
        else
        {
            Completion.TrySetResult();
        }
    }
}
