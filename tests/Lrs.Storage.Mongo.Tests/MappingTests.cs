using Lrs.Xapi.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Lrs.Storage.Mongo.Tests;

/// <summary>What goes into MongoDB comes back the same, through real BSON bytes.</summary>
public sealed class MappingTests
{
    private static BsonDocument ThroughBytes(BsonDocument doc) => BsonSerializer.Deserialize<BsonDocument>(doc.ToBson());

    private static readonly StatementKeys Keys = new(
        ["mbox:mailto:a@example.com", "mbox:mailto:b@example.com"],
        ["mbox:mailto:a@example.com", "mbox:mailto:b@example.com", "mbox:mailto:teacher@example.com"],
        ["http://example.com/verbs/asked"],
        ["http://example.com/q/1"],
        ["http://example.com/q/1", "http://example.com/course"],
        [Guid.Parse("0b1c2d3e-4f50-4a61-9b72-c8d9e0f1a2b3")]);

    private static StatementDocument Statement() => new()
    {
        Store = "tenant-1",
        Id = Guid.Parse("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"),
        Position = 5_000_000_001,
        Stored = DateTimeOffset.FromUnixTimeMilliseconds(1_735_689_600_123),
        Voided = true,
        Voiding = false,
        Authority = "account:http://lrs.test|tests",
        Json = """{"stored":"2025-01-01T00:00:00.123Z","id":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","verb":{"id":"http://example.com/verbs/asked"}}""",
        Keys = Keys,
    };

    [Fact]
    public void A_statement_reads_back_as_stored_with_its_position_id_json_instant_and_voided_flag()
    {
        var written = Statement();

        var read = StatementDocument.ToStored(ThroughBytes(written.ToBson()));

        Assert.Equal(new StoredStatement(written.Position, written.Id, written.Json, written.Stored, true), read);
    }

    [Fact]
    public void A_statement_document_holds_every_filter_field_and_every_agent_verb_pair()
    {
        var doc = ThroughBytes(Statement().ToBson());

        Assert.Equal(Keys.Agents, doc["agents"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(Keys.RelatedAgents, doc["relatedAgents"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(Keys.Verbs, doc["verbs"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(Keys.Activities, doc["activities"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(Keys.RelatedActivities, doc["relatedActivities"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(Keys.Registrations, doc["registrations"].AsBsonArray.Select(v => v.AsBsonBinaryData.ToGuid(GuidRepresentation.Standard)));
        Assert.Equal(
            [StatementKeys.AgentVerb("mbox:mailto:a@example.com", "http://example.com/verbs/asked"), StatementKeys.AgentVerb("mbox:mailto:b@example.com", "http://example.com/verbs/asked")],
            doc["agentVerbs"].AsBsonArray.Select(v => v.AsBsonDocument));
        Assert.Equal("account:http://lrs.test|tests", doc["authority"].AsString);
        Assert.Equal("tenant-1", doc["store"].AsString);
        Assert.Equal(BsonBinarySubType.UuidStandard, doc["sid"].AsBsonBinaryData.SubType);
        Assert.Equal(BsonType.Int64, doc["pos"].BsonType);
    }

    [Fact]
    public void A_statement_without_authority_has_no_authority_field()
    {
        var doc = ThroughBytes((Statement() with { Authority = null }).ToBson());

        Assert.False(doc.Contains("authority"));
    }

    [Fact]
    public void A_statement_ref_adds_its_target_values_without_duplicates()
    {
        var own = StatementKeys.From(new StatementIndex(["a"], ["a", "t"], "http://v/own", [], ["http://x/1"], null));
        var target = new StatementIndex(["a", "b"], ["b"], "http://v/target", ["http://x/1"], ["http://x/1"], Guid.Parse("11111111-2222-4333-8444-555555555555"));

        var keys = own.With(target);

        Assert.Equal(["a", "b"], keys.Agents);
        Assert.Equal(["a", "t", "b"], keys.RelatedAgents);
        Assert.Equal(["http://v/own", "http://v/target"], keys.Verbs);
        Assert.Equal(["http://x/1"], keys.Activities);
        Assert.Equal(["http://x/1"], keys.RelatedActivities);
        Assert.Equal([Guid.Parse("11111111-2222-4333-8444-555555555555")], keys.Registrations);
        Assert.Equal(4, keys.AgentVerbs().Count());
    }

    [Fact]
    public void A_document_reads_back_with_content_type_etag_and_millisecond_instant()
    {
        var scope = DocumentScope.State("http://example.com/act", "mbox:mailto:a@example.com", Guid.Parse("0b1c2d3e-4f50-4a61-9b72-c8d9e0f1a2b3"));
        var written = new StoredDocument("bookmark", [0, 1, 2, 255], "application/octet-stream", "0123abcd", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_456));

        var doc = ThroughBytes(DocumentMapping.ToBson("s1", scope, written, 7));

        Assert.Equal(written.Id, DocumentMapping.ToStored(doc).Id);
        Assert.Equal(written.Content, DocumentMapping.ToStored(doc).Content);
        Assert.Equal(written with { Content = DocumentMapping.ToStored(doc).Content }, DocumentMapping.ToStored(doc));
        Assert.Equal(7, DocumentMapping.Revision(doc));
        Assert.Equal("0b1c2d3e-4f50-4a61-9b72-c8d9e0f1a2b3", doc["registration"].AsString);
        Assert.Equal((int)DocumentKind.State, doc["kind"].AsInt32);
    }

    [Fact]
    public void A_scope_filter_is_the_document_key_without_the_id()
    {
        var scope = DocumentScope.ActivityProfile("http://example.com/act");

        var filter = DocumentMapping.ScopeFilter("s1", scope);

        Assert.Equal(new BsonDocument { { "store", "s1" }, { "kind", 2 }, { "activity", "http://example.com/act" }, { "agent", "" }, { "registration", "" } }, filter);
    }

    [Fact]
    public void A_credential_reads_back_whole_revoked_or_not()
    {
        var active = new Credential("key1", "hash", ["statements/write", "state"], "LMS", "tenant-1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null);
        var revoked = active with { Key = "key2", Revoked = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000) };

        var activeBack = CredentialMapping.ToCredential(ThroughBytes(CredentialMapping.ToBson(active)));
        var revokedBack = CredentialMapping.ToCredential(ThroughBytes(CredentialMapping.ToBson(revoked)));

        Assert.Equal(active.Scopes, activeBack.Scopes);
        Assert.Equal(active, activeBack with { Scopes = active.Scopes });
        Assert.Equal(revoked, revokedBack with { Scopes = revoked.Scopes });
    }

    [Fact]
    public void An_attachment_is_cut_into_chunks_under_the_document_limit_and_assembled_in_any_order()
    {
        var content = new byte[(AttachmentChunks.ChunkBytes * 2) + 12345];
        new Random(7).NextBytes(content);
        var attachment = new AttachmentContent(new string('a', 64), "video/mp4", content);

        var chunks = AttachmentChunks.Chunks("s1", attachment).Select(ThroughBytes).ToList();
        var back = AttachmentChunks.Assemble(ThroughBytes(AttachmentChunks.Header("s1", attachment)), Enumerable.Reverse(chunks));

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.ToBson().Length < 16 * 1024 * 1024));
        Assert.NotNull(back);
        Assert.Equal(content, back.Content);
        Assert.Equal("video/mp4", back.ContentType);
    }

    [Fact]
    public void An_attachment_with_a_missing_chunk_is_not_returned()
    {
        var attachment = new AttachmentContent(new string('b', 64), "text/plain", new byte[AttachmentChunks.ChunkBytes + 1]);

        var back = AttachmentChunks.Assemble(AttachmentChunks.Header("s1", attachment), AttachmentChunks.Chunks("s1", attachment).Take(1));

        Assert.Null(back);
    }

    [Fact]
    public void An_empty_attachment_is_one_empty_chunk()
    {
        var attachment = new AttachmentContent(new string('c', 64), "text/plain", []);

        var chunks = AttachmentChunks.Chunks("s1", attachment).ToList();

        Assert.Single(chunks);
        Assert.Empty(AttachmentChunks.Assemble(AttachmentChunks.Header("s1", attachment), chunks)!.Content);
    }
}
