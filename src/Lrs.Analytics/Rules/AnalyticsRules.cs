using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Rules;

/// <summary>
/// The classification and topic rules, loaded from a JSON rules file (the embedded default-rules.json documents every
/// field). Every IRI set compares ordinally: xAPI IRIs are case-sensitive.
/// </summary>
public sealed class AnalyticsRules
{
    public required IReadOnlySet<string> SystemVerbs { get; init; }

    public required IReadOnlySet<string> FormalMarkerCategories { get; init; }

    public required IReadOnlySet<string> FormalMarkerContextExtensions { get; init; }

    public required IReadOnlySet<string> FormalMarkerActivityTypes { get; init; }

    public required IReadOnlySet<string> SocialVerbs { get; init; }

    public required IReadOnlySet<string> SocialActivityTypes { get; init; }

    public required IReadOnlySet<string> FormalVerbs { get; init; }

    public required IReadOnlySet<string> CourseTypes { get; init; }

    /// <summary>Activity id to the topic id it counts as.</summary>
    public required IReadOnlyDictionary<string, string> TopicAliases { get; init; }

    /// <summary>Display names that override the names found in activity definitions.</summary>
    public required IReadOnlyDictionary<string, string> TopicNames { get; init; }

    /// <summary>
    /// A digest of the effective rules: the projection records it, and a different digest at start means the rows were
    /// classified under other rules and must be rebuilt.
    /// </summary>
    public required string Fingerprint { get; init; }

    private static readonly Lazy<AnalyticsRules> DefaultRules = new(() => Parse(DefaultJson(), null));

    public static AnalyticsRules Default => DefaultRules.Value;

    /// <summary>The embedded default rules file, as shipped.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(AnalyticsRules).Assembly.GetManifestResourceStream("Lrs.Analytics.default-rules.json")
            ?? throw new InvalidOperationException("the default rules resource is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The rules of a file: with "extends": "default" (the default) its lists add to the defaults, with "none" they replace them.</summary>
    public static AnalyticsRules Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new RulesException($"cannot read the analytics rules file {path}: {e.Message}");
        }

        return Parse(json, path);
    }

    public static AnalyticsRules Parse(string json, string? source)
    {
        JObject file;
        try
        {
            file = JObject.Parse(json);
        }
        catch (JsonReaderException e)
        {
            throw new RulesException($"the analytics rules {source ?? "text"} are not valid JSON: {e.Message}");
        }

        var extends = (string?)file["extends"] ?? "default";
        RulesDocument? baseline = extends switch
        {
            "none" => null,
            "default" => RulesDocument.From(JObject.Parse(DefaultJson()), "default rules"),
            _ => throw new RulesException($"'extends' must be \"default\" or \"none\", not \"{extends}\""),
        };
        var own = RulesDocument.From(file, source ?? "rules");
        var merged = baseline is null ? own : baseline.With(own);
        return merged.ToRules();
    }

    /// <summary>The rules as one JSON object, sorted, so equal rules give equal fingerprints.</summary>
    internal static string Canonical(RulesDocument d)
    {
        static JArray Sorted(IEnumerable<string> values) => new(values.Order(StringComparer.Ordinal));
        static JObject SortedMap(IReadOnlyDictionary<string, string> map) =>
            new(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new JProperty(p.Key, p.Value)));
        var o = new JObject
        {
            ["system.verbs"] = Sorted(d.SystemVerbs),
            ["formalMarker.categories"] = Sorted(d.MarkerCategories),
            ["formalMarker.contextExtensions"] = Sorted(d.MarkerExtensions),
            ["formalMarker.activityTypes"] = Sorted(d.MarkerTypes),
            ["social.verbs"] = Sorted(d.SocialVerbs),
            ["social.activityTypes"] = Sorted(d.SocialTypes),
            ["formal.verbs"] = Sorted(d.FormalVerbs),
            ["topics.courseTypes"] = Sorted(d.CourseTypes),
            ["topics.aliases"] = SortedMap(d.Aliases),
            ["topics.names"] = SortedMap(d.Names),
        };
        return o.ToString(Formatting.None);
    }

    internal static string Digest(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
}

/// <summary>A rules file that cannot be used; the message names the file and the field.</summary>
public sealed class RulesException(string message) : Exception(message);
