using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Rules;

/// <summary>The lists of one rules file as read, before they become the sets the classifier uses.</summary>
internal sealed record RulesDocument(
    IReadOnlyList<string> SystemVerbs,
    IReadOnlyList<string> MarkerCategories,
    IReadOnlyList<string> MarkerExtensions,
    IReadOnlyList<string> MarkerTypes,
    IReadOnlyList<string> SocialVerbs,
    IReadOnlyList<string> SocialTypes,
    IReadOnlyList<string> FormalVerbs,
    IReadOnlyList<string> CourseTypes,
    IReadOnlyDictionary<string, string> Aliases,
    IReadOnlyDictionary<string, string> Names)
{
    public static RulesDocument From(JObject file, string source) => new(
        Strings(file, source, "system", "verbs"),
        Strings(file, source, "formalMarker", "categories"),
        Strings(file, source, "formalMarker", "contextExtensions"),
        Strings(file, source, "formalMarker", "activityTypes"),
        Strings(file, source, "social", "verbs"),
        Strings(file, source, "social", "activityTypes"),
        Strings(file, source, "formal", "verbs"),
        Strings(file, source, "topics", "courseTypes"),
        Map(file, source, "topics", "aliases"),
        Map(file, source, "topics", "names"));

    /// <summary>These rules extended by another file's: lists are joined, map entries of the other file win.</summary>
    public RulesDocument With(RulesDocument other) => new(
        [.. SystemVerbs, .. other.SystemVerbs],
        [.. MarkerCategories, .. other.MarkerCategories],
        [.. MarkerExtensions, .. other.MarkerExtensions],
        [.. MarkerTypes, .. other.MarkerTypes],
        [.. SocialVerbs, .. other.SocialVerbs],
        [.. SocialTypes, .. other.SocialTypes],
        [.. FormalVerbs, .. other.FormalVerbs],
        [.. CourseTypes, .. other.CourseTypes],
        Merge(Aliases, other.Aliases),
        Merge(Names, other.Names));

    public AnalyticsRules ToRules()
    {
        var targets = Aliases.Values.ToHashSet(StringComparer.Ordinal);
        var sources = Aliases.Where(p => targets.Contains(p.Key) && p.Value != p.Key).Select(p => p.Key).ToList();
        if (sources.Count > 0)
        {
            // One level only: an alias target that is itself aliased would make the topic depend on lookup order.
            throw new RulesException($"topics.aliases: '{sources[0]}' is both an alias and the target of another alias");
        }

        return new AnalyticsRules
        {
            SystemVerbs = Set(SystemVerbs),
            FormalMarkerCategories = Set(MarkerCategories),
            FormalMarkerContextExtensions = Set(MarkerExtensions),
            FormalMarkerActivityTypes = Set(MarkerTypes),
            SocialVerbs = Set(SocialVerbs),
            SocialActivityTypes = Set(SocialTypes),
            FormalVerbs = Set(FormalVerbs),
            CourseTypes = Set(CourseTypes),
            TopicAliases = new Dictionary<string, string>(Aliases, StringComparer.Ordinal),
            TopicNames = new Dictionary<string, string>(Names, StringComparer.Ordinal),
            Fingerprint = AnalyticsRules.Digest(AnalyticsRules.Canonical(this)),
        };
    }

    private static HashSet<string> Set(IEnumerable<string> values) => new(values, StringComparer.Ordinal);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var merged = new Dictionary<string, string>(a, StringComparer.Ordinal);
        foreach (var (k, v) in b)
        {
            merged[k] = v;
        }

        return merged;
    }

    private static List<string> Strings(JObject file, string source, string section, string name)
    {
        var token = file[section]?[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return [];
        }

        if (token is not JArray list || list.Any(v => v.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)v)))
        {
            throw new RulesException($"{source}: {section}.{name} must be an array of IRI strings");
        }

        return list.Select(v => (string)v!).ToList();
    }

    private static Dictionary<string, string> Map(JObject file, string source, string section, string name)
    {
        var token = file[section]?[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (token is not JObject map || map.Properties().Any(p => p.Value.Type != JTokenType.String))
        {
            throw new RulesException($"{source}: {section}.{name} must be an object whose values are strings");
        }

        return map.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal);
    }
}
