using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Generator;

/// <summary>
/// Teams: everyone works in one team of about ten (a Group identified by the team's mailing list), and a quarter of
/// people also belong to a practice group across teams (a Group identified by a community account). The LMS and the
/// community's feeds name the team in context.team (xAPI 1.0.3); the community's questions, answers and replies come
/// from a newer tool that speaks xAPI 2.0 and names the team, and the practice group if any, in context.contextGroups.
/// </summary>
public sealed partial class OrganisationGenerator
{
    private static readonly string[] TeamNames = ["Falcon", "Harbor", "Juniper", "Meridian", "Nimbus", "Orchid", "Quartz", "Summit", "Tundra", "Willow", "Aurora", "Cedar"];
    private static readonly string[] PracticeNames = ["Data practice", "Design practice", "Security champions", "Mentoring circle"];
    private static readonly HashSet<string> QuestionAndAnswerVerbs = new([Adl + "asked", Adl + "answered", "http://id.tincanapi.com/verb/replied"], StringComparer.Ordinal);

    /// <summary>Team and practice group of each person (by index), drawn from a generator of their own so that the rest of the organisation is the same as without teams.</summary>
    private (JObject[] Teams, JObject?[] Practices) AssignTeams(string domain)
    {
        var random = new Random(unchecked((_o.Seed * 7919) + 104729));
        var teams = Enumerable.Range(0, Math.Max(1, (_o.Learners + 9) / 10)).Select(i => TeamGroup(i, domain)).ToArray();
        var practices = Enumerable.Range(0, Math.Clamp(_o.Learners / 40, 1, PracticeNames.Length)).Select(PracticeGroup).ToArray();
        var teamOf = new JObject[_o.Learners];
        var practiceOf = new JObject?[_o.Learners];
        for (var i = 0; i < _o.Learners; i++)
        {
            teamOf[i] = teams[random.Next(teams.Length)];
            practiceOf[i] = random.NextDouble() < 0.25 ? practices[random.Next(practices.Length)] : null;
        }

        return (teamOf, practiceOf);
    }

    private static JObject TeamGroup(int index, string domain)
    {
        var name = TeamNames[index % TeamNames.Length] + (index >= TeamNames.Length ? " " + ((index / TeamNames.Length) + 1).ToString(CultureInfo.InvariantCulture) : "");
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        return new JObject { ["objectType"] = "Group", ["name"] = "Team " + name, ["mbox"] = $"mailto:team-{slug}@{domain}" };
    }

    private JObject PracticeGroup(int index) => new()
    {
        ["objectType"] = "Group",
        ["name"] = PracticeNames[index],
        ["account"] = new JObject { ["homePage"] = _o.CommunityUrl + "/groups", ["name"] = PracticeNames[index].ToLowerInvariant().Replace(' ', '-') },
    };

    /// <summary>Names the person's teams in the statement's context, in the form of the xAPI version its source speaks.</summary>
    private void AddTeams(JObject statement, Person who, string verb)
    {
        var context = statement["context"] as JObject ?? new JObject();
        if (QuestionAndAnswerVerbs.Contains(verb))
        {
            var groups = new JArray(ContextGroup(_teamOf[who.Index]));
            if (_practiceOf[who.Index] is { } practice)
            {
                groups.Add(ContextGroup(practice));
            }

            context["contextGroups"] = groups;
            statement["version"] = "2.0.0";
        }
        else
        {
            context["team"] = _teamOf[who.Index].DeepClone();
        }

        statement["context"] = context;
    }

    private static JObject ContextGroup(JObject group) => new() { ["objectType"] = "contextGroup", ["group"] = group.DeepClone() };
}
