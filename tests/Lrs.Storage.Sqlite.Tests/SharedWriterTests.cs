using System.Globalization;
using System.Text;
using Lrs.Storage.ContractTests;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Storage.Sqlite.Tests;

/// <summary>
/// Documents and statements share the writer thread's group commits: a write refused in a group leaves the others in
/// it, whichever kind each is. The writes are queued together (nothing awaited in between) so most land in one group.
/// </summary>
public sealed class SharedWriterTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private readonly string _storeId = Statements.NewStoreId();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IStatementStore Store => fixture.Stores.Statements;

    private IDocumentStore Documents => fixture.Stores.Documents;

    private static DocumentScope Scope(int i) =>
        DocumentScope.State("http://example.com/activity/" + i.ToString(CultureInfo.InvariantCulture), "mbox:mailto:a@example.com", null);

    private Task<StoredDocument?> PutAsync(int i, string content) =>
        Documents.ChangeAsync(_storeId, Scope(i), "doc", _ => DocumentChange.Replace(Encoding.UTF8.GetBytes(content), "text/plain"), Ct);

    private async Task<string?> ReadAsync(int i) =>
        await Documents.GetAsync(_storeId, Scope(i), "doc", Ct) is { } document ? Encoding.UTF8.GetString(document.Content) : null;

    [Fact]
    public async Task A_refused_statement_batch_leaves_the_document_changes_queued_with_it()
    {
        var taken = Guid.NewGuid();
        await Store.StoreAsync(_storeId, Statements.Batch(Statements.Simple(taken, verb: "http://example.com/verbs/one")), Ct);
        var good = Enumerable.Range(0, 20).Select(_ => Statements.Simple()).ToList();

        var writes = new List<Task>();
        for (var i = 0; i < good.Count; i++)
        {
            writes.Add(PutAsync(i, "v" + i.ToString(CultureInfo.InvariantCulture)));
            writes.Add(Store.StoreAsync(_storeId, Statements.Batch(good[i]), Ct));
        }

        var bad = Store.StoreAsync(_storeId, Statements.Batch(Statements.Simple(taken, verb: "http://example.com/verbs/two")), Ct);
        writes.Add(PutAsync(good.Count, "after the refused batch"));

        await Assert.ThrowsAsync<ConflictException>(() => bad);
        await Task.WhenAll(writes);
        for (var i = 0; i < good.Count; i++)
        {
            Assert.NotNull(await Store.GetAsync(_storeId, good[i].Id, Ct));
            Assert.Equal("v" + i.ToString(CultureInfo.InvariantCulture), await ReadAsync(i));
        }

        Assert.Equal("after the refused batch", await ReadAsync(good.Count));
    }

    [Fact]
    public async Task A_refused_document_change_leaves_the_statements_and_documents_queued_with_it()
    {
        await PutAsync(0, "kept");
        var good = Enumerable.Range(0, 20).Select(_ => Statements.Simple()).ToList();

        var writes = good.Select(s => Store.StoreAsync(_storeId, Statements.Batch(s), Ct)).ToList();
        var refused = Documents.ChangeAsync(_storeId, Scope(0), "doc", _ => throw new PreconditionFailedException("the ETag does not match"), Ct);
        writes.Add(PutAsync(1, "written"));

        await Assert.ThrowsAsync<PreconditionFailedException>(() => refused);
        await Task.WhenAll(writes);
        Assert.All(good, s => Assert.NotNull(Store.GetAsync(_storeId, s.Id, Ct).GetAwaiter().GetResult()));
        Assert.Equal("kept", await ReadAsync(0));
        Assert.Equal("written", await ReadAsync(1));
    }

    [Fact]
    public async Task A_document_changed_twice_in_one_group_sees_its_first_change()
    {
        await PutAsync(0, "0");

        // Queued back to back, the second decide runs after the first change in the same transaction.
        var changes = Enumerable.Range(0, 10).Select(_ => Documents.ChangeAsync(_storeId, Scope(0), "doc", current =>
        {
            var n = int.Parse(Encoding.UTF8.GetString(current!.Content), CultureInfo.InvariantCulture);
            return DocumentChange.Replace(Encoding.UTF8.GetBytes((n + 1).ToString(CultureInfo.InvariantCulture)), "text/plain");
        }, Ct)).ToList();
        await Task.WhenAll(changes);

        Assert.Equal("10", await ReadAsync(0));
        Assert.Equal(
            Enumerable.Range(1, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            changes.Select(c => Encoding.UTF8.GetString(c.Result!.Content)));
    }

    [Fact]
    public async Task Delete_all_goes_through_the_writer_in_order_with_the_changes_around_it()
    {
        await PutAsync(0, "old");

        var before = PutAsync(0, "replaced");
        var deleted = Documents.DeleteAllAsync(_storeId, Scope(0), Ct);
        var after = PutAsync(0, "new");
        await Task.WhenAll(before, deleted, after);

        Assert.Equal("new", await ReadAsync(0));
    }
}
