using Lrs.Analytics.Metrics;
using Lrs.Analytics.Tests.Support;

namespace Lrs.Analytics.Tests.Projection;

/// <summary>Teams in the projection: one row per statement and team, members, names, voiding, the schema rebuild.</summary>
public sealed class TeamProjectionTests
{
    private const string Store = ProjectionHarness.Store;

    [Fact]
    public void Teams_lists_every_team_with_its_members_and_statements_by_name()
    {
        using var h = new ProjectionHarness().With(
            On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red),
            On.Social("ann", "2026-01-06T00:00:00Z").Team(Teams.Red).ContextGroups(Teams.Blue, Teams.Red), // Red once, and Blue
            On.Social("bob", "2026-01-07T00:00:00Z").ContextGroups(Teams.Blue),
            On.Social("ann", "2026-01-08T00:00:00Z").Team(Teams.Anonymous("Study pair", "ann", "bob")),
            On.Social("cat", "2026-01-09T00:00:00Z"));
        // Blue: ann (Jan 6) and bob (Jan 7): 2 members, 2 statements. Red: ann only, Jan 5 and Jan 6: 1 member, 2
        // statements. Study pair: bob is listed in the group but never acted in it: 1 member (ann), 1 statement.
        // cat named no team.
        Assert.Equal(
            [new TeamSummary(Teams.BlueKey, "Blue team", 2, 2), new(Teams.RedKey, "Red team", 1, 2), new(Teams.AnonymousKey("ann", "bob"), "Study pair", 1, 1)],
            h.Queries.Teams(Store).Teams);
    }

    [Fact]
    public void A_team_keeps_the_latest_name_it_was_given()
    {
        var renamed = Teams.Red;
        renamed["name"] = "Red squad";
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red));
        h.With(On.Social("bob", "2026-01-06T00:00:00Z").Team(renamed));
        Assert.Equal("Red squad", Assert.Single(h.Queries.Teams(Store).Teams).Name);
    }

    [Fact]
    public void A_voided_statement_takes_its_team_rows_with_it()
    {
        var both = On.Social("ann", "2026-01-06T00:00:00Z").Team(Teams.Red).ContextGroups(Teams.Blue);
        using var h = new ProjectionHarness().With(
            On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red),
            both,
            On.Social("bob", "2026-01-07T00:00:00Z").ContextGroups(Teams.Blue));
        h.With(Stmt.By("ann").Voiding(both.Id).At("2026-01-08T00:00:00Z"));
        // Blue keeps bob's statement only, so ann is no longer a member; Red keeps ann's Jan 5 statement.
        Assert.Equal([new TeamSummary(Teams.BlueKey, "Blue team", 1, 1), new(Teams.RedKey, "Red team", 1, 1)], h.Queries.Teams(Store).Teams);
        Assert.Equal([On.Topic], h.Queries.Topics(Store, new AnalyticsFilter(Team: Teams.BlueKey)).Topics.Select(t => t.Topic));
        Assert.Equal(1, h.Queries.Topic(Store, On.Topic, DateTime.UtcNow, new AnalyticsFilter(Team: Teams.BlueKey))!.Mix.Social);
    }

    [Fact]
    public async Task A_target_that_arrives_after_its_voiding_statement_leaves_no_team_row()
    {
        var late = On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red);
        using var h = new ProjectionHarness();
        var feed = new UnflaggedListFeed(h.Feed);
        h.Feed.Add(Stmt.By("ann").Voiding(late.Id));
        await new Lrs.Analytics.Feed.FeedFollower(feed, h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        h.Feed.Add(late, On.Social("bob", "2026-01-06T00:00:00Z").Team(Teams.Red));
        await new Lrs.Analytics.Feed.FeedFollower(feed, h.Projection, h.Rules, Store).CatchUpAsync(TestContext.Current.CancellationToken);
        // Only bob's statement names Red.
        Assert.Equal([new TeamSummary(Teams.RedKey, "Red team", 1, 1)], h.Queries.Teams(Store).Teams);
    }

    [Fact]
    public void A_projection_written_before_teams_existed_is_emptied_at_open_and_rebuilt_with_teams()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red));
        // Make the file look like one of schema version 1 (or one a version-1 binary, rolled back to, has rebuilt): no
        // team tables, the bare rules fingerprint in meta.
        using (var connection = h.Projection.OpenRead())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE fact_teams; DROP TABLE teams; UPDATE meta SET value = $rules WHERE key = 'rules';";
            command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("rules", h.Rules.Fingerprint));
            command.ExecuteNonQuery();
        }

        h.Reopen();
        Assert.True(h.Projection.ResetForSchema);
        Assert.False(h.Projection.ResetForRules);
        Assert.Equal(0, h.Queries.Status(Store).Rows);
        h.CatchUp();
        Assert.Equal([new TeamSummary(Teams.RedKey, "Red team", 1, 1)], h.Queries.Teams(Store).Teams);
        h.Reopen();
        Assert.False(h.Projection.ResetForSchema);
    }

    [Fact]
    public void A_projection_of_this_version_seen_by_a_version_1_binary_looks_built_under_other_rules()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z"));
        // Version 1 compared the 'rules' entry with the bare fingerprint: any difference made it rebuild.
        using var connection = h.Projection.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'rules'";
        Assert.NotEqual(h.Rules.Fingerprint, command.ExecuteScalar() as string);
    }

    [Fact]
    public void Resetting_a_store_forgets_its_teams()
    {
        using var h = new ProjectionHarness().With(On.Social("ann", "2026-01-05T00:00:00Z").Team(Teams.Red));
        h.Projection.ResetStore(Store);
        Assert.Empty(h.Queries.Teams(Store).Teams);
        Assert.False(h.Queries.TeamExists(Store, Teams.RedKey));
    }

    /// <summary>A feed like a remote LRS's: voided statements are not flagged.</summary>
    private sealed class UnflaggedListFeed(ListFeed inner) : Lrs.Analytics.Feed.IStatementFeed
    {
        public string Name => inner.Name;

        public async Task<Lrs.Analytics.Feed.FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
        {
            var page = await inner.ReadAsync(cursor, max, cancellationToken);
            return page with { Statements = page.Statements.Select(s => s with { Voided = false }).ToList(), MayRepeat = true };
        }

        public Task<Newtonsoft.Json.Linq.JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken) =>
            inner.GetActivityDefinitionAsync(activityId, cancellationToken);
    }
}
