using Lrs.Analytics.Generator;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Benchmarks.Micro;

/// <summary>Representative statements from the generator: a cmi5 launch (definitions, registration, extensions) and a reply.</summary>
internal static class Samples
{
    private static readonly List<string> Statements = OrganisationGenerator.Generate(new GeneratorOptions { Seed = 1, Learners = 50, Weeks = 12 })
        .Select(XapiJson.Serialize)
        .ToList();

    public static string Launched { get; } = Statements.First(s => s.Contains("verbs/launched", StringComparison.Ordinal));

    public static string Replied { get; } = Statements.First(s => s.Contains("verb/replied", StringComparison.Ordinal));

    public static string Get(string name) => name == "launched" ? Launched : Replied;

    public static JObject Parse(string name) => (JObject)XapiJson.Parse(Get(name));
}
