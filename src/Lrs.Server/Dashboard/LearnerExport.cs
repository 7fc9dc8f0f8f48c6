using System.Globalization;
using System.IO.Compression;
using System.Text;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Storage;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Dashboard;

/// <summary>
/// A learner's whole record as a zip another LRS accepts (format "lrs-learner-export/1", documented in
/// src/Lrs.Server/Dashboard/README.md):
/// <list type="bullet">
/// <item>statements.json: every statement whose actor is the learner or a Group they are a member of, voided ones and
/// voiding ones left out, oldest first, exactly as stored (ids kept): POST it to another LRS's /xapi/statements.</item>
/// <item>attachments/&lt;sha2&gt;: the content of attachments sent with statements (those without a fileUrl): post
/// statements that have them as multipart/mixed with these parts.</item>
/// <item>agent-profiles/&lt;profileId, URL-escaped&gt;: each agent profile document, as stored.</item>
/// <item>manifest.json: format, agent, export time, counts, and each file's profileId or sha2 and content type.</item>
/// </list>
/// </summary>
public static class LearnerExport
{
    public const string Format = "lrs-learner-export/1";
    private const int PageSize = 500;
    private const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    public static async Task<byte[]> BuildAsync(IStatementStore statements, IDocumentStore documents, string storeId, JObject agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Ifi.KeyOf(agent)!;
        var record = await StatementsOfAsync(statements, storeId, key, cancellationToken);
        var hashes = record.SelectMany(s => s["attachments"] as JArray ?? [])
            .Where(a => a["fileUrl"] is null && a["sha2"] is not null)
            .Select(a => (string)a["sha2"]!).Distinct(StringComparer.Ordinal).ToList();
        var attachments = hashes.Count == 0 ? [] : await statements.GetAttachmentsAsync(storeId, hashes, cancellationToken);
        var profiles = await documents.GetAgentProfilesAsync(storeId, key, cancellationToken);

        var manifest = new JObject
        {
            ["format"] = Format,
            ["agent"] = agent,
            ["exported"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["statements"] = new JObject { ["file"] = "statements.json", ["count"] = record.Count },
            ["attachments"] = new JArray(attachments.Select(a => new JObject { ["sha2"] = a.Sha2, ["contentType"] = a.ContentType, ["file"] = "attachments/" + a.Sha2 })),
            ["agentProfiles"] = new JArray(profiles.Select(p => new JObject
            {
                ["profileId"] = p.Id,
                ["contentType"] = p.ContentType,
                ["updated"] = p.Updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["file"] = ProfileFile(p.Id),
            })),
        };

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest.ToString(Newtonsoft.Json.Formatting.Indented)));
            Add(zip, "statements.json", Encoding.UTF8.GetBytes(XapiJson.Serialize(new JArray(record))));
            foreach (var a in attachments)
            {
                Add(zip, "attachments/" + a.Sha2, a.Content);
            }

            foreach (var p in profiles)
            {
                Add(zip, ProfileFile(p.Id), p.Content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The learner's statements: the store's agent filter also matches Groups they belong to and statements that
    /// reference theirs (StatementRef), so each is checked to be one where they act.
    /// </summary>
    private static async Task<List<JObject>> StatementsOfAsync(IStatementStore statements, string storeId, string key, CancellationToken cancellationToken)
    {
        var result = new List<JObject>();
        long? after = null;
        while (true)
        {
            var page = await statements.QueryAsync(storeId, new StatementFilter { Agent = key, Ascending = true, After = after, Limit = PageSize }, cancellationToken);
            foreach (var stored in page.Statements)
            {
                var statement = (JObject)XapiJson.Parse(stored.Json);
                if (!stored.Voided && (string?)statement["verb"]?["id"] != VoidedVerb
                    && Ifi.KeysWithMembers(statement["actor"]).Contains(key, StringComparer.Ordinal))
                {
                    result.Add(statement);
                }
            }

            if (!page.HasMore || page.Statements.Count == 0)
            {
                return result;
            }

            after = page.Statements[^1].Position;
        }
    }

    private static string ProfileFile(string profileId) => "agent-profiles/" + Uri.EscapeDataString(profileId);

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
