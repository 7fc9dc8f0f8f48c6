using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Lrs.Analytics.Projection;
using Lrs.Analytics.Rules;

namespace Lrs.Analytics.Tests.Projection;

/// <summary>DuckDB's memory starts in proportion to the projection and grows when a query needs more, up to the ceiling.</summary>
public sealed class ProjectionMemoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lrs-memory-tests-" + Guid.NewGuid().ToString("N"));

    public ProjectionMemoryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ProjectionPath => Path.Combine(_directory, AnalyticsProjection.FileName);

    [Fact]
    public void A_small_projection_starts_at_32_MB_and_DuckDB_has_that_limit()
    {
        using var projection = new AnalyticsProjection(ProjectionPath, AnalyticsRules.Default.Fingerprint);
        Assert.Equal(32, projection.MemoryLimitMb);
        Assert.Equal(AnalyticsProjection.DefaultMaxMemoryMb, projection.MaxMemoryMb);
        Assert.Equal("32.0 MiB", Limit(projection));
    }

    [Fact]
    public void The_starting_limit_is_a_quarter_of_the_file_within_32_MB_and_the_ceiling()
    {
        var file = Path.Combine(_directory, "sized.duckdb");
        Assert.Equal(32, AnalyticsProjection.StartingMemoryMb(file, 256)); // no file yet
        using (var stream = File.Create(file))
        {
            stream.SetLength(400L * 1024 * 1024); // sparse: nothing is written
        }

        Assert.Equal(100, AnalyticsProjection.StartingMemoryMb(file, 256));
        Assert.Equal(64, AnalyticsProjection.StartingMemoryMb(file, 64));
        Assert.Equal(16, AnalyticsProjection.StartingMemoryMb(Path.Combine(_directory, "none"), 16));
    }

    [Fact]
    public void Growing_doubles_up_to_the_ceiling_and_then_says_no()
    {
        using var projection = new AnalyticsProjection(ProjectionPath, AnalyticsRules.Default.Fingerprint, maxMemoryMb: 100);
        Assert.True(projection.GrowMemory(32));
        Assert.Equal(64, projection.MemoryLimitMb);
        Assert.True(projection.GrowMemory(64));
        Assert.Equal(100, projection.MemoryLimitMb);
        Assert.Equal("100.0 MiB", Limit(projection));
        Assert.False(projection.GrowMemory(100));
        Assert.Equal(100, projection.MemoryLimitMb);
    }

    [Fact]
    public void A_query_that_failed_under_a_limit_already_raised_by_another_caller_runs_again_without_doubling()
    {
        using var projection = new AnalyticsProjection(ProjectionPath, AnalyticsRules.Default.Fingerprint);
        Assert.True(projection.GrowMemory(32));
        Assert.True(projection.GrowMemory(32));
        Assert.Equal(64, projection.MemoryLimitMb);
    }

    [Fact]
    public void A_query_out_of_memory_succeeds_once_the_limit_has_grown()
    {
        using var projection = new AnalyticsProjection(ProjectionPath, AnalyticsRules.Default.Fingerprint);

        // One list of 3 million BIGINTs (24 MB, built by doubling) cannot spill to disk: too much for 32 MB, enough room under 128.
        const string query = "SELECT len(list(i)) FROM range(3000000) t(i)";
        var failure = Assert.Throws<DuckDBException>(() => Scalar(projection, query));
        Assert.Equal(DuckDBErrorType.OutOfMemory, failure.ErrorType);

        Assert.True(projection.GrowMemory(32));
        Assert.True(projection.GrowMemory(64));
        Assert.Equal(3_000_000L, Convert.ToInt64(Scalar(projection, query), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string? Limit(AnalyticsProjection projection) => Scalar(projection, "SELECT current_setting('memory_limit')") as string;

    private static object? Scalar(AnalyticsProjection projection, string sql)
    {
        using var connection = projection.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
