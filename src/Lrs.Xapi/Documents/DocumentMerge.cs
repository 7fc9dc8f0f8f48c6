using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Documents;

/// <summary>
/// POST to a document resource: both documents must be JSON objects, and the posted top-level properties replace
/// the stored ones (the spec's merge; nested objects are replaced, not merged).
/// </summary>
public static class DocumentMerge
{
    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a posted body that must be a JSON object; throws a 400 naming the rule otherwise.</summary>
    public static JObject ParseObject(byte[] content, string what)
    {
        JToken token;
        try
        {
            token = XapiJson.Parse(content);
        }
        catch (ValidationException e)
        {
            throw new BadRequestException($"{what} must be a JSON object to be merged: {e.Message}");
        }

        return token as JObject ?? throw new BadRequestException($"{what} must be a JSON object to be merged");
    }

    public static byte[] Merge(byte[] stored, byte[] posted)
    {
        var target = ParseObject(stored, "the stored document");
        var source = ParseObject(posted, "the posted document");
        foreach (var p in source.Properties())
        {
            target[p.Name] = p.Value;
        }

        return Encoding.UTF8.GetBytes(XapiJson.Serialize(target));
    }
}
