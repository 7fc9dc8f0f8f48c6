using Lrs.Server.Auth;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>
/// Storing statements, as a pipeline of named steps: parse, validate, check attachments and signatures, prepare,
/// write atomically. Any failing step refuses the whole request and nothing of it is stored.
/// </summary>
public sealed class StatementIngest(IStatementStore store)
{
    /// <summary>Stores the statements of a request body; returns their ids in order.</summary>
    public async Task<IReadOnlyList<Guid>> StoreAsync(StatementBody body, XapiVersion version, XapiCaller caller, Guid? putId, CancellationToken cancellationToken)
    {
        var batch = Prepare(body, version, caller, putId);

        // The batch holds its own copies of all it needs, so the body's pooled buffer goes back before the wait for the
        // commit: a request of W2's batches of 1,000 takes 0.6-0.7 s (p50), and held to the end each one in flight kept
        // a buffer of up to a megabyte out of the pool, which grew to as many buffers as requests in flight (issue 6).
        body.Dispose();
        await store.StoreAsync(caller.StoreId, batch, cancellationToken);
        return batch.Statements.Select(p => p.Id).ToList();
    }

    /// <summary>
    /// Every step before the write. Not async on purpose: the parsed trees are its locals and die with it, so a batch
    /// waiting for its commit holds only what the store needs, not tens of MB of Json.NET objects. A batch goes through
    /// the steps one statement at a time as it is read, so only one statement's tree is alive at once: held whole, a
    /// batch of 1,000 was about 35 MB of trees that outlived several collections and were promoted before they died.
    /// </summary>
    private static StatementBatch Prepare(StatementBody body, XapiVersion version, XapiCaller caller, Guid? putId)
    {
        if (body.Json.Count == 0)
        {
            throw new ValidationException("", "the request body is empty; send a statement or an array of statements");
        }

        var writer = new Writer(caller.Authority, caller.Has(Scopes.All) || caller.Has(Scopes.Define));
        var prepared = new List<StatementToStore>();
        var ids = new HashSet<Guid>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (value, count) = XapiJson.ParseElements(body.Json, (element, i) =>
        {
            if (putId is not null)
            {
                throw new ValidationException("", "PUT stores one statement: send an object, not an array");
            }

            var statement = element as JObject ?? throw new ValidationException($"[{i}]", "a statement must be a JSON object");
            StatementValidator.Validate(statement, version, $"[{i}]");
            prepared.Add(PrepareOne(statement, $"[{i}]", version, writer, ids, body.Parts, used));
        });

        if (value is null && count == 0)
        {
            throw new ValidationException("", putId is null ? "the batch is empty" : "PUT stores one statement: send an object, not an array");
        }

        if (value is not null)
        {
            var statement = value as JObject ?? throw new ValidationException("", "the body must be a statement object or an array of statements");
            StatementValidator.Validate(statement, version, null);
            if (putId is { } id)
            {
                MatchPutId(statement, id);
            }

            prepared.Add(PrepareOne(statement, null, version, writer, ids, body.Parts, used));
        }

        var unused = body.Parts.Keys.FirstOrDefault(sha2 => !used.Contains(sha2));
        if (unused is not null)
        {
            throw new BadRequestException($"the multipart part with X-Experience-API-Hash {unused} matches no attachment of the statements", "X-Experience-API-Hash");
        }

        return new StatementBatch(prepared, body.Parts.Values.Select(p => new AttachmentContent(p.Sha2.ToLowerInvariant(), p.ContentType, p.Content)).ToList());
    }

    /// <summary>
    /// The steps after validation for one statement (path: its place in a batch, or null alone): its id must be new to
    /// the batch, its attachments must have arrived; then it is prepared for the store.
    /// </summary>
    private static StatementToStore PrepareOne(
        JObject statement, string? path, XapiVersion version, Writer writer, HashSet<Guid> ids,
        IReadOnlyDictionary<string, AttachmentPart> parts, HashSet<string> used)
    {
        if ((string?)statement["id"] is { } id && !ids.Add(Guid.Parse(id)))
        {
            throw new ValidationException($"{path}.id", "two statements of one batch must not share an id");
        }

        CheckAttachments(statement, path ?? "", parts, used);
        return StatementPreparer.Prepare(statement, version, writer);
    }

    /// <summary>
    /// One statement of a bulk import (no HTTP, no attachment parts): validated, attachment-checked and prepared exactly
    /// as a POST of it alone would be. Throws the same XapiException a POST would answer with.
    /// </summary>
    public static StatementToStore PrepareForImport(JObject statement, XapiVersion version, Writer writer)
    {
        StatementValidator.Validate(statement, version, null);
        CheckAttachments(statement, "", NoParts, []);
        return StatementPreparer.Prepare(statement, version, writer);
    }

    private static readonly Dictionary<string, AttachmentPart> NoParts = new(StringComparer.OrdinalIgnoreCase);

    private static void MatchPutId(JObject statement, Guid putId)
    {
        if ((string?)statement["id"] is { } id && Guid.Parse(id) != putId)
        {
            throw new ValidationException("id", "differs from the statementId parameter");
        }

        if (statement["id"] is null)
        {
            statement.AddFirst(new JProperty("id", putId.ToString("D")));
        }
    }

    /// <summary>
    /// Every attachment of the statement without a fileUrl must arrive as a part (noted in <paramref name="used"/>; a
    /// part that no statement uses is refused after the last one). Signature attachments are checked against the statement.
    /// </summary>
    private static void CheckAttachments(JObject statement, string path, IReadOnlyDictionary<string, AttachmentPart> parts, HashSet<string> used)
    {
        foreach (var (attachment, where) in AttachmentsOf(statement, path))
        {
            var sha2 = (string)attachment["sha2"]!;
            if (parts.TryGetValue(sha2, out var part))
            {
                used.Add(sha2);
                if (Signatures.IsSignature(attachment))
                {
                    // Errors name the signature attachment: the statement's own path is empty for a single statement.
                    Signatures.Verify(statement, part.Content, where);
                }
            }
            else if (attachment["fileUrl"] is null)
            {
                throw new ValidationException(where + ".sha2", "an attachment without fileUrl must be sent as a multipart/mixed part with this X-Experience-API-Hash");
            }
            else if (Signatures.IsSignature(attachment))
            {
                throw new ValidationException(where, "a signature attachment must be sent as a multipart/mixed part, not by fileUrl");
            }
        }
    }

    private static IEnumerable<(JObject Attachment, string Path)> AttachmentsOf(JObject statement, string path)
    {
        var prefix = path.Length == 0 ? "" : path + ".";
        if (statement["attachments"] is JArray list)
        {
            for (var k = 0; k < list.Count; k++)
            {
                yield return ((JObject)list[k], $"{prefix}attachments[{k}]");
            }
        }

        if (statement["object"] is JObject { } o && (string?)o["objectType"] == "SubStatement" && o["attachments"] is JArray inner)
        {
            for (var k = 0; k < inner.Count; k++)
            {
                yield return ((JObject)inner[k], $"{prefix}object.attachments[{k}]");
            }
        }
    }
}
