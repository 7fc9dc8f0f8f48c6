using System.Text;
using Lrs.Xapi.Errors;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Query;

/// <summary>
/// The continuation of a statement query: the original parameters and the feed position the last page ended at.
/// Positions only grow, so a "more" link returns neither duplicates nor gaps however many statements arrive meanwhile.
/// </summary>
public static class MoreToken
{
    public static string Create(IReadOnlyDictionary<string, string> parameters, long lastPosition)
    {
        var o = new JObject { ["p"] = lastPosition, ["q"] = JObject.FromObject(parameters) };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(o.ToString(Newtonsoft.Json.Formatting.None)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (Dictionary<string, string> Parameters, long LastPosition) Read(string token)
    {
        try
        {
            var b = token.Replace('-', '+').Replace('_', '/');
            b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
            // Dates stay strings: Json.NET would otherwise turn a since/until value into a DateTime and reformat it.
            var o = (JObject)Json.XapiJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b)));
            var parameters = ((JObject)o["q"]!).Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal);
            return (parameters, (long)o["p"]!);
        }
        catch (Exception e) when (e is FormatException or Newtonsoft.Json.JsonException or Errors.XapiException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            throw new BadRequestException("more is not a continuation this LRS issued", "more");
        }
    }
}
