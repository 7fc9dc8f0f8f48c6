using Lrs.Analytics.Classification;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Feed;

/// <summary>
/// Keeps one store's projection up to date with a feed: reads the statements after the checkpoint, classifies them,
/// and writes each page with its new checkpoint. Voiding statements remove their targets and add no row.
/// </summary>
public sealed class FeedFollower
{
    private readonly IStatementFeed _feed;
    private readonly AnalyticsProjection _projection;
    private readonly AnalyticsRules _rules;
    private readonly StatementProjector _projector;
    private readonly DefinitionCache _definitions;
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _agentNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _teamNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Statements the feed handed over already voided, so never projected: their voiding statement, which follows
    /// shortly after, has nothing to search for. Searching found nothing in the recent rows and then scanned every row,
    /// for nearly every page of a catch-up (one statement in a thousand is voided): at 10M statements that scan made
    /// the catch-up slow down as it went. Bounded; a target forgotten is searched for as before.
    /// </summary>
    private readonly HashSet<Guid> _leftOut = [];

    private const int MaxLeftOut = 100_000;

    private readonly int _pageSize;

    /// <summary>
    /// Pages read one after another while the feed has more are written together, up to this many. Each write has
    /// costs that do not shrink with its rows: its upserts (names, weekly counts, the checkpoint) took 6-40 ms each
    /// whether they carried one row or two hundred, about half of a 1,000-row write's time under batched POSTs (issue 6).
    /// </summary>
    private readonly int _pagesPerWrite;

    /// <summary>The pages written together unless a caller says otherwise (the test harness follows it).</summary>
    public const int DefaultPagesPerWrite = 4;

    public FeedFollower(IStatementFeed feed, AnalyticsProjection projection, AnalyticsRules rules, string store, int pageSize = 1000, int pagesPerWrite = DefaultPagesPerWrite)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerWrite, 1);
        _feed = feed;
        _projection = projection;
        _rules = rules;
        _projector = new StatementProjector(rules);
        _definitions = new DefinitionCache(feed, TimeSpan.FromSeconds(30));
        Store = store;
        _pageSize = pageSize;
        _pagesPerWrite = pagesPerWrite;
    }

    public string Store { get; }

    /// <summary>How many writes to the projection this follower has made (several pages read in a row make one).</summary>
    public int Writes { get; private set; }

    /// <summary>
    /// Forgets what the follower remembers only to save work: the activity definitions it looked up and the names it
    /// wrote. Called after a large catch-up: filled from the whole history, they were nearly all of the server's live
    /// heap after a catch-up of 1M statements (a heap dump at idle: 21.9 MB live, 1.6 MB once forgotten), which live
    /// traffic, naming recent activities, does not need (issue 6, W5). Nothing projected depends on them: a definition
    /// is looked up again when a statement needs it, a name is written again.
    /// </summary>
    public void ForgetCaches()
    {
        _definitions.Clear();
        _named.Clear();
        _named.TrimExcess();
        _agentNames.Clear();
        _agentNames.TrimExcess();
        _teamNames.Clear();
        _teamNames.TrimExcess();
    }

    /// <summary>Reads the feed until a page reaches its end; returns how many statements were taken.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var checkpoint = _projection.GetCheckpoint(Store);
        if (checkpoint is not null && checkpoint.Source != _feed.Name)
        {
            // Cursors of different feeds mean different things: start this store over from the new feed.
            _projection.ResetStore(Store);
            checkpoint = null;
        }

        var cursor = checkpoint?.Cursor;
        var taken = 0;
        var pending = new List<ProjectionBatch>(_pagesPerWrite);
        while (true)
        {
            bool hasMore;
            do
            {
                (var batch, var count, var next, hasMore) = await ReadAsync(cursor, cancellationToken);
                if (batch is null)
                {
                    break;
                }

                pending.Add(batch);
                cursor = next;
                taken += count;
            }
            while (hasMore && pending.Count < _pagesPerWrite);

            if (pending.Count > 0)
            {
                var merged = Merge(pending);
                _projection.Apply(merged);
                Writes++;
                Remember(merged);
                pending.Clear();
            }

            // A page that reached the feed's end ends the catch-up, even though more statements have usually arrived
            // while it was written: under a stream of single POSTs, reading on took a page of a hundred or so after
            // every write, and each write's fixed costs (weekly counts, name upserts, checkpoint, commit: about 50 ms)
            // made the follower take 45% of the server's CPU in 20 s of wrk's W1 (issue 6). The caller waits a moment
            // and comes back for a page of everything that arrived meanwhile.
            if (!hasMore)
            {
                return taken;
            }
        }
    }

    /// <summary>
    /// One batch for several pages read in a row, in feed order. The projection appends all the rows before it applies
    /// the voids, so a target is dropped whichever page of the write it came in; a name given twice is the later one.
    /// </summary>
    private static ProjectionBatch Merge(List<ProjectionBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        return batches[^1] with
        {
            Rows = [.. batches.SelectMany(b => b.Rows)],
            Voids = [.. batches.SelectMany(b => b.Voids)],
            VoidsNeverProjected = [.. batches.SelectMany(b => b.VoidsNeverProjected)],
            AgentNames = MergeNames(batches, b => b.AgentNames),
            TeamNames = MergeNames(batches, b => b.TeamNames),
            ActivityNames = MergeNames(batches, b => b.ActivityNames),
            MayRepeat = batches.Any(b => b.MayRepeat),
        };
    }

    private static Dictionary<string, string> MergeNames(List<ProjectionBatch> batches, Func<ProjectionBatch, IReadOnlyDictionary<string, string>> names)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            foreach (var (key, name) in names(batch))
            {
                merged[key] = name;
            }
        }

        return merged;
    }

    /// <summary>
    /// Reads a page and builds its batch (null when the page moved nothing). The page stays inside this call, so its
    /// statements' JSON (about 1.7 MB for a thousand) can be collected while the batch is written: held through the
    /// DuckDB write, it lived long enough to be promoted, and died in gen2 (issue 6).
    /// </summary>
    private async Task<(ProjectionBatch? Batch, int Count, string? Next, bool HasMore)> ReadAsync(string? cursor, CancellationToken cancellationToken)
    {
        var page = await _feed.ReadAsync(cursor, _pageSize, cancellationToken);
        var batch = page.Statements.Count > 0 || page.Cursor != cursor ? await BuildAsync(page, cancellationToken) : null;
        return (batch, page.Statements.Count, page.Cursor, page.HasMore);
    }

    private async Task<ProjectionBatch> BuildAsync(FeedPage page, CancellationToken cancellationToken)
    {
        var rows = new List<ProjectedRow>(page.Statements.Count);
        var voids = new List<Guid>();
        var voidsNeverProjected = new List<Guid>();
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        // Each statement is parsed, completed and projected before the next is read, so only its row outlives it. The
        // views of a whole page, kept until the page was projected, were alive at most collections during a catch-up,
        // were promoted and died in gen2: a rebuild of 1M statements in pages of 1,000 paused 10.3 s of its 90 in
        // collections, 6.8 s once they were not kept (with the shaped parse of StatementView.Read; issue 6).
        foreach (var s in page.Statements)
        {
            if (s.Voided)
            {
                // A voiding statement cannot itself be voided, so a voided statement is a target: it adds no row.
                if (_leftOut.Count >= MaxLeftOut)
                {
                    _leftOut.Clear();
                }

                _leftOut.Add(s.Id);
                continue;
            }

            var parsed = StatementView.Read(s.Json);
            if (parsed.Voids is { } target)
            {
                (_leftOut.Remove(target) ? voidsNeverProjected : voids).Add(target);
                continue;
            }

            foreach (var id in parsed.IdsLackingType())
            {
                await _definitions.GetAsync(id, cancellationToken);
            }

            var view = parsed.WithHeldDefinitions(_definitions.Known);
            var row = _projector.Project(view, s.Stored);
            rows.Add(row);
            if (view.ActorKey is { } actor && view.ActorName is { } actorName &&
                !(_agentNames.TryGetValue(actor, out var written) && written == actorName))
            {
                agents[actor] = actorName;
            }

            foreach (var team in view.Teams)
            {
                if (team.Name is { } teamName && !(_teamNames.TryGetValue(team.Key, out var known) && known == teamName))
                {
                    teams[team.Key] = teamName;
                }
            }

            if (_projector.Topics.Resolve(view) is { } topic)
            {
                await NameAsync(topic.Topic, topic.Source, names, cancellationToken);
            }

            if (row.IsAsk && view.Object is { } question)
            {
                await NameAsync(question.Id, question, names, cancellationToken);
            }
        }

        return new ProjectionBatch
        {
            Store = Store,
            Rows = rows,
            Voids = voids,
            VoidsNeverProjected = voidsNeverProjected,
            AgentNames = agents,
            TeamNames = teams,
            ActivityNames = names,
            Cursor = page.Cursor ?? "",
            Source = _feed.Name,
            MayRepeat = page.MayRepeat,
        };
    }

    /// <summary>Names written need not be written again while they stay the same (one upsert per name is the slow part).</summary>
    private void Remember(ProjectionBatch batch)
    {
        if (_agentNames.Count > 500_000)
        {
            _agentNames.Clear();
        }

        if (_teamNames.Count > 500_000)
        {
            _teamNames.Clear();
        }

        foreach (var (key, name) in batch.AgentNames)
        {
            _agentNames[key] = name;
        }

        foreach (var (key, name) in batch.TeamNames)
        {
            _teamNames[key] = name;
        }

        // Every question is named once: unbounded, this set held every question id ever asked (hundreds of thousands at
        // 10M statements). A name forgotten is only written again.
        if (_named.Count > 200_000)
        {
            _named.Clear();
        }

        _named.UnionWith(batch.ActivityNames.Keys);
    }

    /// <summary>Records a display name once per run: from the statement, else from the LRS's definition.</summary>
    private async Task NameAsync(string id, ActivityRef source, Dictionary<string, string> names, CancellationToken cancellationToken)
    {
        if (_rules.TopicNames.ContainsKey(id) || _named.Contains(id) || names.ContainsKey(id))
        {
            return;
        }

        var name = source.Name ?? (await _definitions.GetAsync(source.Id, cancellationToken))?.Name;
        if (name is not null)
        {
            names[id] = name;
        }
    }
}
