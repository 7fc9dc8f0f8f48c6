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
        await store.StoreAsync(caller.StoreId, batch, cancellationToken);
        return batch.Statements.Select(p => p.Id).ToList();
    }

    /// <summary>
    /// Every step before the write. Not async on purpose: the parsed trees are its locals and die with it, so a batch
    /// waiting for its commit holds only what the store needs, not tens of MB of Json.NET objects.
    /// </summary>
    private static StatementBatch Prepare(StatementBody body, XapiVersion version, XapiCaller caller, Guid? putId)
    {
        var (statements, isBatch) = Parse(body.Json, putId is not null);
        Validate(statements, version, isBatch);
        if (putId is { } id)
        {
            MatchPutId(statements[0], id);
        }

        RejectDuplicateIds(statements);
        var attachments = CheckAttachments(statements, body.Parts, isBatch);
        var writer = new Writer(caller.Authority, caller.Has(Scopes.All) || caller.Has(Scopes.Define));
        var prepared = statements.Select(s => StatementPreparer.Prepare(s, version, writer)).ToList();
        return new StatementBatch(prepared, attachments);
    }

    /// <summary>
    /// One statement of a bulk import (no HTTP, no attachment parts): validated, attachment-checked and prepared exactly
    /// as a POST of it alone would be. Throws the same XapiException a POST would answer with.
    /// </summary>
    public static StatementToStore PrepareForImport(JObject statement, XapiVersion version, Writer writer)
    {
        List<JObject> one = [statement];
        Validate(one, version, isBatch: false);
        CheckAttachments(one, NoParts, isBatch: false);
        return StatementPreparer.Prepare(statement, version, writer);
    }

    private static readonly Dictionary<string, AttachmentPart> NoParts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A single statement object, or (POST only) an array of them.</summary>
    private static (List<JObject> Statements, bool IsBatch) Parse(byte[] json, bool isPut)
    {
        if (json.Length == 0)
        {
            throw new ValidationException("", "the request body is empty; send a statement or an array of statements");
        }

        var token = XapiJson.Parse(json);
        switch (token)
        {
            case JObject single:
                return ([single], false);
            case JArray list when !isPut:
                if (list.Count == 0)
                {
                    throw new ValidationException("", "the batch is empty");
                }

                var statements = new List<JObject>(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    statements.Add(list[i] as JObject ?? throw new ValidationException($"[{i}]", "a statement must be a JSON object"));
                }

                return (statements, true);
            case JArray:
                throw new ValidationException("", "PUT stores one statement: send an object, not an array");
            default:
                throw new ValidationException("", "the body must be a statement object or an array of statements");
        }
    }

    private static void Validate(List<JObject> statements, XapiVersion version, bool isBatch)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            StatementValidator.Validate(statements[i], version, isBatch ? $"[{i}]" : null);
        }
    }

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

    private static void RejectDuplicateIds(List<JObject> statements)
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < statements.Count; i++)
        {
            if ((string?)statements[i]["id"] is { } id && !seen.Add(Guid.Parse(id)))
            {
                throw new ValidationException($"[{i}].id", "two statements of one batch must not share an id");
            }
        }
    }

    /// <summary>
    /// Every attachment without a fileUrl must arrive as a part, and every part must belong to an attachment.
    /// Signature attachments are checked against their statement. Returns the parts to store.
    /// </summary>
    private static List<AttachmentContent> CheckAttachments(List<JObject> statements, IReadOnlyDictionary<string, AttachmentPart> parts, bool isBatch)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < statements.Count; i++)
        {
            var path = isBatch ? $"[{i}]" : "";
            foreach (var (attachment, where) in AttachmentsOf(statements[i], path))
            {
                var sha2 = (string)attachment["sha2"]!;
                if (parts.TryGetValue(sha2, out var part))
                {
                    used.Add(sha2);
                    if (Signatures.IsSignature(attachment))
                    {
                        // Errors name the signature attachment: the statement's own path is empty for a single statement.
                        Signatures.Verify(statements[i], part.Content, where);
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

        foreach (var sha2 in parts.Keys)
        {
            if (!used.Contains(sha2))
            {
                throw new BadRequestException($"the multipart part with X-Experience-API-Hash {sha2} matches no attachment of the statements", "X-Experience-API-Hash");
            }
        }

        return parts.Values.Select(p => new AttachmentContent(p.Sha2.ToLowerInvariant(), p.ContentType, p.Content)).ToList();
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
