using Lrs.Analytics.Classification;
using Lrs.Analytics.Rules;
using Lrs.Xapi.Json;
using Lrs.Xapi.Statements;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Classification;

/// <summary>
/// The real statements of shared/data/real-world-statements (never copied into the repository), classified as the
/// projection would: activity types the statements leave out come from the definitions the corpus itself gives,
/// as an LRS holding all of them would.
/// </summary>
internal static class RealWorldCorpus
{
    public static string? Directory()
    {
        foreach (var candidate in (string?[])[Environment.GetEnvironmentVariable("LRS_REAL_WORLD_STATEMENTS"), "/work/shared/data/real-world-statements"])
        {
            if (candidate is not null && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // The repository sits beside shared/ on the project's machines.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", "real-world-statements");
            if (System.IO.Directory.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Every statement of the corpus with the file it came from, files in ordinal order.</summary>
    public static List<(string File, JObject Statement)> Statements(string directory) =>
        System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .SelectMany(f => ((JArray)XapiJson.Parse(File.ReadAllText(f))).OfType<JObject>().Select(s => (File: f, Statement: s)))
            .ToList();

    /// <summary>(file, expected kind from the file name, class given) for every statement.</summary>
    public static List<(string File, string Expected, StatementClass Actual, string Detail)> Classify(string directory, AnalyticsRules rules)
    {
        var statements = Statements(directory);
        var held = new Dictionary<string, JObject>(StringComparer.Ordinal);
        foreach (var (_, s) in statements)
        {
            foreach (var d in ActivityDefinitions.Collect(s))
            {
                held[d.ActivityId] = ActivityDefinitions.Merge(held.GetValueOrDefault(d.ActivityId), d.Definition);
            }
        }

        var classifier = new StatementClassifier(rules);
        return statements.Select(x =>
        {
            var kind = Path.GetFileName(x.File).Split('.')[^2].Replace("-invalid", "", StringComparison.Ordinal);
            var view = StatementView.Parse(x.Statement).WithHeldDefinitions(id => ActivityRef.Held(id, held.GetValueOrDefault(id)));
            return (Path.GetFileName(x.File), kind, classifier.Classify(view), view.Verb + " " + view.Object?.Type + " parents=" + string.Join(',', view.Parent.Select(p => p.Type?.Split('/')[^1])));
        }).ToList();
    }
}
