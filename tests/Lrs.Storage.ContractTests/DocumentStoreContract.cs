using System.Text;
using Lrs.Xapi.Documents;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Storage;

namespace Lrs.Storage.ContractTests;

/// <summary>The document store contract (see <see cref="IDocumentStore"/>), as every backend must pass it.</summary>
public abstract class DocumentStoreContract
{
    protected abstract StoreSet Stores { get; }

    private IDocumentStore Documents => Stores.Documents;

    private readonly string _storeId = Statements.NewStoreId();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DocumentScope Scope = DocumentScope.State("http://example.com/activity", "mbox:mailto:a@example.com", null);

    private Task<StoredDocument?> PutAsync(DocumentScope scope, string id, string content, string type = "application/json") =>
        Documents.ChangeAsync(_storeId, scope, id, _ => DocumentChange.Replace(Encoding.UTF8.GetBytes(content), type), Ct);

    [Fact]
    public async Task A_replaced_document_reads_back_with_its_type_and_a_sha1_etag()
    {
        var written = await PutAsync(Scope, "doc", """{"a":1}""");

        var read = await Documents.GetAsync(_storeId, Scope, "doc", Ct);

        Assert.NotNull(read);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(read.Content));
        Assert.Equal("application/json", read.ContentType);
        Assert.Equal(DocumentETag.Compute(Encoding.UTF8.GetBytes("""{"a":1}""")), read.ETag);
        Assert.Equal(written!.ETag, read.ETag);
    }

    [Fact]
    public async Task Decide_sees_the_current_document_and_can_delete_or_keep_it()
    {
        await PutAsync(Scope, "doc", "one", "text/plain");
        StoredDocument? seen = null;

        var kept = await Documents.ChangeAsync(_storeId, Scope, "doc", current => { seen = current; return DocumentChange.Keep; }, Ct);
        var deleted = await Documents.ChangeAsync(_storeId, Scope, "doc", _ => DocumentChange.Delete, Ct);

        Assert.Equal("one", Encoding.UTF8.GetString(seen!.Content));
        Assert.Equal(seen.ETag, kept!.ETag);
        Assert.Null(deleted);
        Assert.Null(await Documents.GetAsync(_storeId, Scope, "doc", Ct));
    }

    [Fact]
    public async Task When_decide_throws_nothing_changes()
    {
        await PutAsync(Scope, "doc", "one", "text/plain");

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Documents.ChangeAsync(_storeId, Scope, "doc", _ => throw new PreconditionFailedException("no"), Ct));

        Assert.Equal("one", Encoding.UTF8.GetString((await Documents.GetAsync(_storeId, Scope, "doc", Ct))!.Content));
    }

    [Fact]
    public async Task Concurrent_read_modify_writes_of_one_document_never_lose_an_update()
    {
        await PutAsync(Scope, "counter", "0", "text/plain");

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(() => Documents.ChangeAsync(_storeId, Scope, "counter", current =>
        {
            var n = int.Parse(Encoding.UTF8.GetString(current!.Content), System.Globalization.CultureInfo.InvariantCulture);
            return DocumentChange.Replace(Encoding.UTF8.GetBytes((n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), "text/plain");
        }, Ct))));

        Assert.Equal("25", Encoding.UTF8.GetString((await Documents.GetAsync(_storeId, Scope, "counter", Ct))!.Content));
    }

    [Fact]
    public async Task Scopes_keep_documents_apart()
    {
        var registration = Guid.NewGuid();
        var withRegistration = DocumentScope.State("http://example.com/activity", "mbox:mailto:a@example.com", registration);
        var otherAgent = DocumentScope.State("http://example.com/activity", "mbox:mailto:b@example.com", null);
        await PutAsync(Scope, "doc", "plain", "text/plain");
        await PutAsync(withRegistration, "doc", "registered", "text/plain");

        Assert.Equal("registered", Encoding.UTF8.GetString((await Documents.GetAsync(_storeId, withRegistration, "doc", Ct))!.Content));
        Assert.Equal("plain", Encoding.UTF8.GetString((await Documents.GetAsync(_storeId, Scope, "doc", Ct))!.Content));
        Assert.Null(await Documents.GetAsync(_storeId, otherAgent, "doc", Ct));
        Assert.Null(await Documents.GetAsync(Statements.NewStoreId(), Scope, "doc", Ct));
    }

    [Fact]
    public async Task Ids_are_listed_per_scope_and_since_keeps_the_newer_ones()
    {
        await PutAsync(Scope, "b", "1", "text/plain");
        await PutAsync(Scope, "a", "1", "text/plain");
        await Task.Delay(20, Ct);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await PutAsync(Scope, "c", "1", "text/plain");

        Assert.Equal(["a", "b", "c"], await Documents.ListIdsAsync(_storeId, Scope, null, Ct));
        Assert.Equal(["c"], await Documents.ListIdsAsync(_storeId, Scope, cut, Ct));
    }

    [Fact]
    public async Task Delete_all_removes_one_scope_only()
    {
        var registration = Guid.NewGuid();
        var withRegistration = DocumentScope.State("http://example.com/activity", "mbox:mailto:a@example.com", registration);
        await PutAsync(Scope, "x", "1", "text/plain");
        await PutAsync(Scope, "y", "1", "text/plain");
        await PutAsync(withRegistration, "x", "1", "text/plain");

        await Documents.DeleteAllAsync(_storeId, Scope, Ct);

        Assert.Empty(await Documents.ListIdsAsync(_storeId, Scope, null, Ct));
        Assert.Equal(["x"], await Documents.ListIdsAsync(_storeId, withRegistration, null, Ct));
    }

    [Fact]
    public async Task Agent_profiles_of_one_agent_can_be_taken_together()
    {
        await PutAsync(DocumentScope.AgentProfile("mbox:mailto:a@example.com"), "p1", "{}");
        await PutAsync(DocumentScope.AgentProfile("mbox:mailto:a@example.com"), "p2", "{}");
        await PutAsync(DocumentScope.AgentProfile("mbox:mailto:b@example.com"), "p3", "{}");
        await PutAsync(Scope, "state-of-a", "{}");

        var profiles = await Documents.GetAgentProfilesAsync(_storeId, "mbox:mailto:a@example.com", Ct);

        Assert.Equal(["p1", "p2"], profiles.Select(p => p.Id));
    }
}
