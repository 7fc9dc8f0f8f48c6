using Lrs.Analytics.Classification;
using Lrs.Analytics.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Tests.Classification;

/// <summary>Which teams a statement names, and the keys they get.</summary>
public sealed class TeamTests
{
    private static IReadOnlyList<TeamRef> TeamsOf(Stmt s) => StatementView.Parse(s.Build()).Teams;

    [Fact]
    public void The_group_in_context_team_is_a_team_keyed_by_its_identifier_with_its_name()
    {
        var teams = TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red));
        Assert.Equal([new TeamRef(Teams.RedKey, "Red team")], teams);
    }

    [Fact]
    public void Each_group_of_the_2_0_context_groups_is_a_team()
    {
        var teams = TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z").ContextGroups(Teams.Blue, Teams.Red));
        Assert.Equal([new TeamRef(Teams.BlueKey, "Blue team"), new TeamRef(Teams.RedKey, "Red team")], teams);
    }

    [Fact]
    public void A_group_named_both_in_team_and_in_context_groups_is_one_team()
    {
        var unnamed = Teams.Red;
        unnamed.Remove("name");
        var teams = TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z").Team(unnamed).ContextGroups(Teams.Red, Teams.Blue));
        // context.team first; its missing name is taken from the contextGroups entry.
        Assert.Equal([new TeamRef(Teams.RedKey, "Red team"), new TeamRef(Teams.BlueKey, "Blue team")], teams);
    }

    [Fact]
    public void An_anonymous_group_is_keyed_by_its_sorted_member_identifiers_whatever_their_order_or_names()
    {
        var one = TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Anonymous("Study pair", "bob", "ann")));
        var renamed = Teams.Anonymous(null, "ann", "bob");
        renamed["member"]![0]!["name"] = "Ann Other-Name";
        var other = TeamsOf(On.Social("cat", "2026-01-05T00:00:00Z").Team(renamed));
        Assert.Equal([new TeamRef(Teams.AnonymousKey("ann", "bob"), "Study pair")], one);
        Assert.Equal([new TeamRef(Teams.AnonymousKey("ann", "bob"), null)], other);
        Assert.StartsWith(TeamRef.AnonymousPrefix, one[0].Key, StringComparison.Ordinal);
        Assert.NotEqual(Teams.AnonymousKey("ann", "bob"), Teams.AnonymousKey("ann", "cat"));
    }

    [Fact]
    public void A_member_mbox_differing_only_in_the_case_of_its_domain_is_the_same_member()
    {
        var shouting = Teams.Anonymous(null, "ann", "bob");
        shouting["member"]![0]!["mbox"] = "mailto:ann@EXAMPLE.org";
        Assert.Equal(Teams.AnonymousKey("ann", "bob"), TeamsOf(On.Social("cat", "2026-01-05T00:00:00Z").Team(shouting))[0].Key);
    }

    [Fact]
    public void A_statement_without_a_usable_group_names_no_team()
    {
        Assert.Empty(TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z")));
        // An anonymous group whose members have no identifier cannot be told apart from another: no team.
        var nameless = new JObject { ["objectType"] = "Group", ["member"] = new JArray(new JObject { ["name"] = "someone" }) };
        Assert.Empty(TeamsOf(On.Social("ann", "2026-01-05T00:00:00Z").Team(nameless)));
    }
}
