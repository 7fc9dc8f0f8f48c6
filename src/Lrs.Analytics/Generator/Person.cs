using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Generator;

/// <summary>
/// Someone in the synthetic organisation. Participation is skewed on purpose: most people lurk, a few answer most
/// questions (their helpfulness follows a power law), and people write timestamps in their own time zone.
/// </summary>
internal sealed class Person
{
    private static readonly string[] First = ["Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kemi", "Liam", "Mei", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe"];
    private static readonly string[] Last = ["Adams", "Berg", "Chen", "Diaz", "Eze", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber"];
    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(-8), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(2), new(5, 30, 0), TimeSpan.FromHours(8), TimeSpan.FromHours(9)];

    public required int Index { get; init; }

    public required string Name { get; init; }

    public required string Mbox { get; init; }

    public required TimeSpan Offset { get; init; }

    /// <summary>How likely they are to post at all in a week (lurkers near zero).</summary>
    public required double Voice { get; init; }

    /// <summary>How likely they are to be the one answering a question (power law: few high).</summary>
    public required double Helpfulness { get; init; }

    public JObject Agent => new() { ["objectType"] = "Agent", ["name"] = Name, ["mbox"] = Mbox };

    public static Person Create(int index, Random random, string domain)
    {
        var first = First[random.Next(First.Length)];
        var last = Last[random.Next(Last.Length)];
        var lurker = random.NextDouble() < 0.6;
        return new Person
        {
            Index = index,
            Name = first + " " + last,
            Mbox = string.Create(CultureInfo.InvariantCulture, $"mailto:{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{index}@{domain}"),
            Offset = Offsets[random.Next(Offsets.Length)],
            Voice = lurker ? 0.02 : 0.15 + (0.5 * random.NextDouble()),
            // Pareto-like: 1 / u^1.5 capped, so a handful of people carry most answers.
            Helpfulness = lurker ? 0.05 : Math.Min(50, 1 / Math.Pow(1 - random.NextDouble(), 1.5)),
        };
    }

    /// <summary>The instant written as this person's device would: in their own offset.</summary>
    public string Timestamp(DateTime utc) =>
        new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
