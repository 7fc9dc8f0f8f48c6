using System.Text;
using Lrs.Xapi;
using Lrs.Xapi.Documents;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Model;
using Lrs.Xapi.Query;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>
/// What the State, Activity Profile and Agent Profile resources share (Communication 2.2): a document is read with
/// its ETag, listed by id, replaced by PUT, merged by POST (JSON objects only), deleted; ETags guard every write.
/// </summary>
internal static class DocumentEndpoints
{
    /// <summary>Rejects parameters a resource does not define.</summary>
    public static void OnlyParameters(Dictionary<string, string> parameters, params ReadOnlySpan<string> allowed)
    {
        foreach (var name in parameters.Keys)
        {
            if (!allowed.Contains(name))
            {
                throw new BadRequestException($"'{name}' is not a parameter of this resource (allowed: {string.Join(", ", allowed.ToArray())})", name);
            }
        }
    }

    public static string RequiredIri(Dictionary<string, string> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var value))
        {
            throw new BadRequestException($"the {name} parameter is required", name);
        }

        return Formats.IsIri(value) ? value : throw new BadRequestException($"{name} must be an IRI", name);
    }

    /// <summary>The agent parameter as an IFI key: an Agent (or identified Group) with exactly one IFI.</summary>
    public static string RequiredAgent(Dictionary<string, string> parameters, XapiVersion version)
    {
        if (!parameters.TryGetValue("agent", out var value))
        {
            throw new BadRequestException("the agent parameter is required", "agent");
        }

        var agent = StatementQueryParser.ParseAgentParameter(value, "agent", version, allowGroup: true);
        return Ifi.KeyOf(agent) ?? throw new BadRequestException("agent must identify one Agent (an anonymous Group does not)", "agent");
    }

    public static DateTimeOffset? Since(Dictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("since", out var value))
        {
            return null;
        }

        return Formats.TryParseTimestamp(value, out var since) ? since : throw new BadRequestException("since must be an ISO 8601 timestamp", "since");
    }

    /// <summary>GET one document (with ETag and Last-Modified) or, without an id, the ids of the scope.</summary>
    public static async Task GetAsync(HttpContext context, IDocumentStore documents, string storeId, DocumentScope scope, string? id, DateTimeOffset? since)
    {
        if (id is null)
        {
            var ids = await documents.ListIdsAsync(storeId, scope, since, context.RequestAborted);
            context.Response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            await StatementResponses.WriteJsonAsync(context.Response, new JArray(ids).ToString(Newtonsoft.Json.Formatting.None), context.RequestAborted);
            return;
        }

        var document = await documents.GetAsync(storeId, scope, id, context.RequestAborted)
            ?? throw new NotFoundException($"no document '{id}' here");
        context.Response.Headers.ETag = DocumentETag.Quote(document.ETag);
        StatementResponses.SetLastModified(context.Response, document.Updated);
        context.Response.ContentType = document.ContentType;
        context.Response.ContentLength = document.Content.Length;
        await context.Response.Body.WriteAsync(document.Content, context.RequestAborted);
    }

    /// <summary>How strictly a PUT must show, with If-Match or If-None-Match, that it knows what it overwrites.</summary>
    public enum PutRule
    {
        /// <summary>No header needed (1.0.3 State).</summary>
        Free,

        /// <summary>Overwriting an existing document without a header is a 409 (2.0, every document resource).</summary>
        ConflictIfExists,

        /// <summary>Every PUT needs a header: 400 without one, 409 when the document exists (1.0.3 profiles).</summary>
        RequireHeader,
    }

    /// <summary>PUT replaces the document, under the version's concurrency rule.</summary>
    public static async Task<IResult> PutAsync(HttpContext context, IDocumentStore documents, string storeId, DocumentScope scope, string id, PutRule rule)
    {
        var (ifMatch, ifNoneMatch) = PreconditionHeaders(context.Request);
        var content = await context.Request.ReadBodyAsync(context.RequestAborted);
        var contentType = context.Request.ContentType ?? "application/octet-stream";
        var stored = await documents.ChangeAsync(storeId, scope, id, current =>
        {
            if (rule != PutRule.Free && ifMatch is null && ifNoneMatch is null)
            {
                if (current is not null)
                {
                    throw new ConflictException("the document exists: GET it, then PUT with If-Match set to its ETag to overwrite it");
                }

                if (rule == PutRule.RequireHeader)
                {
                    throw new BadRequestException("a PUT to a profile must carry If-Match (to replace) or If-None-Match: * (to create)", "If-Match");
                }
            }

            Preconditions.Check(current, ifMatch, ifNoneMatch);
            return DocumentChange.Replace(content, contentType);
        }, context.RequestAborted);
        context.Response.Headers.ETag = DocumentETag.Quote(stored!.ETag);
        return Results.NoContent();
    }

    /// <summary>POST merges a JSON object into the stored JSON object (or stores it when there is none).</summary>
    public static async Task<IResult> PostAsync(HttpContext context, IDocumentStore documents, string storeId, DocumentScope scope, string id)
    {
        var (ifMatch, ifNoneMatch) = PreconditionHeaders(context.Request);
        var content = await context.Request.ReadBodyAsync(context.RequestAborted);
        if (!DocumentMerge.IsJson(context.Request.ContentType))
        {
            throw new BadRequestException("POST merges JSON: send Content-Type application/json (use PUT for other content)", "Content-Type");
        }

        DocumentMerge.ParseObject(content, "the posted document");
        var stored = await documents.ChangeAsync(storeId, scope, id, current =>
        {
            Preconditions.Check(current, ifMatch, ifNoneMatch);
            if (current is null)
            {
                return DocumentChange.Replace(content, "application/json");
            }

            if (!DocumentMerge.IsJson(current.ContentType))
            {
                throw new BadRequestException($"the stored document is {current.ContentType}, not JSON, so it cannot be merged", "Content-Type");
            }

            return DocumentChange.Replace(DocumentMerge.Merge(current.Content, content), "application/json");
        }, context.RequestAborted);
        context.Response.Headers.ETag = DocumentETag.Quote(stored!.ETag);
        return Results.NoContent();
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, IDocumentStore documents, string storeId, DocumentScope scope, string id)
    {
        var (ifMatch, ifNoneMatch) = PreconditionHeaders(context.Request);
        await documents.ChangeAsync(storeId, scope, id, current =>
        {
            Preconditions.Check(current, ifMatch, ifNoneMatch);
            return current is null ? DocumentChange.Keep : DocumentChange.Delete;
        }, context.RequestAborted);
        return Results.NoContent();
    }

    private static (string? IfMatch, string? IfNoneMatch) PreconditionHeaders(HttpRequest request) =>
        (request.Header("If-Match"), request.Header("If-None-Match"));

    public static string Utf8(byte[] content) => Encoding.UTF8.GetString(content);
}
