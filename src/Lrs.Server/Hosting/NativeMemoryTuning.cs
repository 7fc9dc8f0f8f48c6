using System.Runtime.InteropServices;

namespace Lrs.Server.Hosting;

/// <summary>
/// glibc's malloc settings for the memory SQLite and DuckDB allocate outside the GC (issue 6, W5: RSS under 300 MB).
/// By default glibc gives busy threads arenas of their own (up to 8 per core) and raises its mmap threshold after large
/// frees, so memory freed after a burst of batched POSTs stayed in the process. Two arenas and fixed 128 KB thresholds
/// (large blocks mapped and unmapped, free tops trimmed) took about 20 MB off the peak under W2 with no throughput lost.
/// A setting the operator gives in the environment (MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_)
/// wins. Run first in Main, before either library allocates.
/// </summary>
public static partial class NativeMemoryTuning
{
    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD
    private const int ArenaMax = -8;      // M_ARENA_MAX

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            Set("MALLOC_ARENA_MAX", ArenaMax, 2);
            Set("MALLOC_TRIM_THRESHOLD_", TrimThreshold, 128 * 1024);
            Set("MALLOC_MMAP_THRESHOLD_", MmapThreshold, 128 * 1024);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no such tuning): its defaults stand.
        }
    }

    private static void Set(string environmentName, int parameter, int value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(environmentName)))
        {
            _ = Mallopt(parameter, value);
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
