using Lrs.Analytics.Feed;
using Lrs.Analytics.Metrics;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Tests.Support;

/// <summary>A projection in a temporary directory fed from a <see cref="ListFeed"/>; deleted afterwards.</summary>
internal sealed class ProjectionHarness : IDisposable
{
    public const string Store = "default";
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lrs-analytics-tests-" + Guid.NewGuid().ToString("N"));

    private readonly TimeSpan? _releaseWhenIdle;

    public ProjectionHarness(AnalyticsRules? rules = null, TimeSpan? releaseWhenIdle = null)
    {
        Directory.CreateDirectory(_directory);
        Rules = rules ?? AnalyticsRules.Default;
        _releaseWhenIdle = releaseWhenIdle;
        Projection = new AnalyticsProjection(Path, Rules.Fingerprint, releaseWhenIdle: releaseWhenIdle);
        Queries = new AnalyticsQueries(Projection, Rules);
    }

    public string Path => System.IO.Path.Combine(_directory, AnalyticsProjection.FileName);

    public ListFeed Feed { get; } = new();

    public AnalyticsRules Rules { get; private set; }

    public AnalyticsProjection Projection { get; private set; }

    public AnalyticsQueries Queries { get; private set; }

    /// <summary>Projects everything the feed holds (pages of 2, so paging is exercised too).</summary>
    public ProjectionHarness With(params Stmt[] statements)
    {
        Feed.Add(statements);
        return CatchUp();
    }

    public ProjectionHarness CatchUp(int pageSize = 2, int pagesPerWrite = FeedFollower.DefaultPagesPerWrite)
    {
        new FeedFollower(Feed, Projection, Rules, Store, pageSize, pagesPerWrite).CatchUpAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return this;
    }

    /// <summary>Closes the projection and opens the file again, as a restarted server does (with other rules if given).</summary>
    public void Reopen(AnalyticsRules? rules = null)
    {
        Projection.Dispose();
        Rules = rules ?? Rules;
        Projection = new AnalyticsProjection(Path, Rules.Fingerprint, releaseWhenIdle: _releaseWhenIdle);
        Queries = new AnalyticsQueries(Projection, Rules);
    }

    public void Dispose()
    {
        Projection.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
