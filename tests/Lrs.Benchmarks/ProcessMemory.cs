using System.Globalization;

namespace Lrs.Benchmarks;

/// <summary>
/// The resident memory of a process from /proc/PID/status: VmRSS now, VmHWM the peak. Sampled every 100 ms as well,
/// since the kernel's peak can be reset (clear_refs) only on some kernels.
/// </summary>
public sealed class ProcessMemory : IDisposable
{
    private readonly int _pid;
    private readonly Timer _timer;
    private long _sampledPeakKb;

    public ProcessMemory(int pid)
    {
        _pid = pid;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long RssKb => Read("VmRSS:");

    /// <summary>The highest resident size seen since start or the last <see cref="ResetPeak"/>.</summary>
    public long PeakKb => Math.Max(Interlocked.Read(ref _sampledPeakKb), Read("VmHWM:"));

    /// <summary>Starts a new peak from the current size (writing 5 to clear_refs resets VmHWM where the kernel allows).</summary>
    public void ResetPeak()
    {
        var before = Read("VmHWM:");
        try
        {
            File.WriteAllText($"/proc/{_pid}/clear_refs", "5");
        }
        catch (IOException)
        {
            // Refused: the sampled peak alone counts.
        }

        var rss = RssKb;
        _hwmWasReset = Read("VmHWM:") < before || before <= rss;
        Interlocked.Exchange(ref _sampledPeakKb, rss);
    }

    private bool _hwmWasReset;

    /// <summary>The peak since <see cref="ResetPeak"/>.</summary>
    public long PeakSinceResetKb => _hwmWasReset ? Math.Max(Read("VmHWM:"), Interlocked.Read(ref _sampledPeakKb)) : Interlocked.Read(ref _sampledPeakKb);

    private void Sample() => RaisePeak(ref _sampledPeakKb, RssKb);

    /// <summary>Sets <paramref name="peak"/> to <paramref name="value"/> when that is higher, against concurrent samplers.</summary>
    internal static void RaisePeak(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }

    private long Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two samples.
        }

        return 0;
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>The 1-minute load average: the machine is shared, so every figure carries it.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
