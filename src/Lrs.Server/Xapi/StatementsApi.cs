using System.Text;
using Lrs.Server.Auth;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Query;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Xapi;

/// <summary>The Statement resource: PUT and POST to store, GET (and HEAD) to read by id or by query.</summary>
public static class StatementsApi
{
    public static RouteGroupBuilder MapStatements(this RouteGroupBuilder xapi)
    {
        xapi.MapPut("/statements", PutAsync);
        xapi.MapPost("/statements", PostAsync);
        xapi.MapMethods("/statements", ["GET", "HEAD"], GetAsync);
        return xapi;
    }

    private static async Task<IResult> PutAsync(HttpContext context, StatementIngest ingest)
    {
        var caller = context.Caller();
        caller.Require(Scopes.StatementsWrite, Scopes.All);
        var parameters = context.Request.Parameters();
        foreach (var name in parameters.Keys)
        {
            if (name != "statementId")
            {
                throw new BadRequestException($"'{name}' is not a parameter of PUT statements", name);
            }
        }

        if (!parameters.TryGetValue("statementId", out var raw))
        {
            throw new BadRequestException("PUT statements needs the statementId parameter", "statementId");
        }

        if (!Formats.TryParseUuid(raw, out var id))
        {
            throw new BadRequestException("statementId must be a UUID", "statementId");
        }

        var version = context.Version();
        using var body = await StatementMultipart.ReadAsync(context.Request, context.RequestAborted);
        await ingest.StoreAsync(body, version, caller, id, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> PostAsync(HttpContext context, StatementIngest ingest)
    {
        var caller = context.Caller();
        caller.Require(Scopes.StatementsWrite, Scopes.All);
        if (context.Request.Parameters().Keys.FirstOrDefault() is { } unknown)
        {
            throw new BadRequestException($"'{unknown}' is not a parameter of POST statements", unknown);
        }

        var version = context.Version();
        using var body = await StatementMultipart.ReadAsync(context.Request, context.RequestAborted);
        var ids = await ingest.StoreAsync(body, version, caller, null, context.RequestAborted);
        return Results.Text(new JArray(ids.Select(i => i.ToString("D"))).ToString(Newtonsoft.Json.Formatting.None), "application/json", Encoding.UTF8);
    }

    private static async Task GetAsync(HttpContext context, IStatementStore store)
    {
        // Read before the query so it never claims more than the query saw; sent whatever the status turns out to be.
        var consistentThrough = Formats.FormatTimestamp(store.ConsistentThrough);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-Experience-API-Consistent-Through"] = consistentThrough;
            return Task.CompletedTask;
        });
        var caller = context.Caller();
        caller.Require(Scopes.StatementsRead, Scopes.StatementsReadMine, Scopes.AllRead, Scopes.All);
        var mineOnly = !caller.Has(Scopes.StatementsRead) && !caller.Has(Scopes.AllRead) && !caller.Has(Scopes.All);
        var version = context.Version();
        var parameters = context.Request.Parameters();

        StatementRequest request;
        long? continueFrom = null;
        if (parameters.TryGetValue("more", out var more))
        {
            if (parameters.Count > 1)
            {
                throw new BadRequestException("a more link carries its own parameters; send it alone", "more");
            }

            var (original, last) = MoreToken.Read(more);
            parameters = original;
            continueFrom = last;
        }

        request = StatementQueryParser.Parse(parameters, version);
        var languages = StatementResponses.Languages(context.Request);
        switch (request)
        {
            case SingleStatementRequest single:
                await GetOneAsync(context, store, caller, single, mineOnly, version, languages);
                break;
            case StatementQueryRequest query:
                await QueryAsync(context, store, caller, query, mineOnly, continueFrom, version, languages);
                break;
        }
    }

    private static async Task GetOneAsync(HttpContext context, IStatementStore store, XapiCaller caller, SingleStatementRequest single, bool mineOnly, XapiVersion version, IReadOnlyList<string> languages)
    {
        var found = await store.GetAsync(caller.StoreId, single.Id, context.RequestAborted);
        if (found is null || found.Voided != single.Voided ||
            (mineOnly && Ifi.KeyOf(XapiJson.Parse(found.Json)["authority"]) != caller.AuthorityKey))
        {
            throw new NotFoundException(single.Voided
                ? $"no voided statement {single.Id}"
                : $"no statement {single.Id}" + (found?.Voided == true ? " (it is voided: ask with voidedStatementId)" : ""));
        }

        var json = StatementResponses.Shape(found, single.Format, version, languages);
        StatementResponses.SetLastModified(context.Response, found.Stored);
        await WriteAsync(context, store, caller, [found], json, single.Attachments);
    }

    private static async Task QueryAsync(HttpContext context, IStatementStore store, XapiCaller caller, StatementQueryRequest query, bool mineOnly, long? continueFrom, XapiVersion version, IReadOnlyList<string> languages)
    {
        var filter = query.Filter with
        {
            AuthorityKey = mineOnly ? caller.AuthorityKey : null,
            After = query.Filter.Ascending ? continueFrom : null,
            Before = query.Filter.Ascending ? null : continueFrom,
        };
        var page = await store.QueryAsync(caller.StoreId, filter, context.RequestAborted);

        var sb = new StringBuilder("{\"statements\":[");
        for (var i = 0; i < page.Statements.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(StatementResponses.Shape(page.Statements[i], query.Format, version, languages));
        }

        sb.Append("],\"more\":");
        var more = page.HasMore
            ? $"{context.Request.PathBase}/xapi/statements?more={MoreToken.Create(query.Parameters, page.Statements[^1].Position)}"
            : "";
        sb.Append(Newtonsoft.Json.JsonConvert.ToString(more)).Append('}');

        var lastModified = page.Statements.Count == 0 ? store.ConsistentThrough : page.Statements.Max(s => s.Stored);
        StatementResponses.SetLastModified(context.Response, lastModified);
        await WriteAsync(context, store, caller, page.Statements, sb.ToString(), query.Attachments);
    }

    private static async Task WriteAsync(HttpContext context, IStatementStore store, XapiCaller caller, IReadOnlyList<StoredStatement> statements, string json, bool attachments)
    {
        if (!attachments)
        {
            await StatementResponses.WriteJsonAsync(context.Response, json, context.RequestAborted);
            return;
        }

        var contents = await store.GetAttachmentsAsync(caller.StoreId, StatementResponses.AttachmentHashes(statements), context.RequestAborted);
        await StatementResponses.WriteMultipartAsync(context.Response, json, contents, context.RequestAborted);
    }
}
