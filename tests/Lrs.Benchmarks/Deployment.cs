namespace Lrs.Benchmarks;

/// <summary>
/// The server processes a run drives: one process serving the xAPI and the dashboard (the default, README's run
/// command), or, with <c>--split</c>, the LRS alone and a dashboard process with its own data directory that follows it
/// over xAPI, as the compose file deploys them. The xAPI workloads go to <see cref="Lrs"/>, the analytics ones to
/// <see cref="Analytics"/>.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly Timer? _timer;
    private long _summedPeakKb;

    private Deployment(ServerProcess lrs, ServerProcess? dashboard)
    {
        Lrs = lrs;
        Dashboard = dashboard;
        if (dashboard is not null)
        {
            // The two peaks need not come at the same moment, so their sum would overstate what the machine held.
            _timer = new Timer(_ => SampleSum(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        }
    }

    public ServerProcess Lrs { get; }

    /// <summary>The dashboard process of a split deployment; null when one process serves both.</summary>
    public ServerProcess? Dashboard { get; }

    public ServerProcess Analytics => Dashboard ?? Lrs;

    public bool IsSplit => Dashboard is not null;

    /// <summary>The highest resident size of the two processes together since the last <see cref="ResetPeaks"/>.</summary>
    public long SummedPeakKb => Interlocked.Read(ref _summedPeakKb);

    public static async Task<Deployment> StartAsync(bool split, string dataDir, string dashboardDir, string log)
    {
        if (!split)
        {
            return new Deployment(await ServerProcess.StartAsync(dataDir, log), null);
        }

        var lrs = await ServerProcess.StartAsync(dataDir, log, new Dictionary<string, string> { ["LRS_ROLE"] = "lrs" });
        try
        {
            var dashboard = await ServerProcess.StartAsync(dashboardDir, Path.ChangeExtension(log, ".dashboard.log"), new Dictionary<string, string>
            {
                ["LRS_ROLE"] = "dashboard",
                ["LRS_FOLLOW_URL"] = new Uri(lrs.BaseUri, "xapi").AbsoluteUri,
                ["LRS_FOLLOW_KEY"] = ServerProcess.Key,
                ["LRS_FOLLOW_SECRET"] = ServerProcess.Secret,
            });
            return new Deployment(lrs, dashboard);
        }
        catch
        {
            await lrs.DisposeAsync();
            throw;
        }
    }

    public void ResetPeaks()
    {
        Lrs.Memory.ResetPeak();
        Dashboard?.Memory.ResetPeak();
        Interlocked.Exchange(ref _summedPeakKb, Lrs.Memory.RssKb + (Dashboard?.Memory.RssKb ?? 0));
    }

    private void SampleSum() => ProcessMemory.RaisePeak(ref _summedPeakKb, Lrs.Memory.RssKb + Dashboard!.Memory.RssKb);

    /// <summary>The dashboard first: it follows the LRS, which would otherwise answer its last reads with errors.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync();
        }

        await Lrs.DisposeAsync();
    }
}
