using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Lrs.Benchmarks;

/// <summary>
/// The real server (the Release build of src/Lrs.Server) as a child process on a loopback port, or one of its
/// command-line operations. Logs go to a file beside the data directory; request logging is off (Warning), as the
/// conformance runner does, since writing a console line per request would be what we measure.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string Key = "bench";
    public const string Secret = "bench-secret";

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Memory = new ProcessMemory(process.Id);
    }

    public Uri BaseUri { get; }

    public ProcessMemory Memory { get; }

    /// <summary>The CPU time the server has used so far, all its threads together.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The Release build of src/Lrs.Server, or LRS_BENCH_SERVER_DLL (to compare two builds).</summary>
    public static string ServerDll => Environment.GetEnvironmentVariable("LRS_BENCH_SERVER_DLL") is { Length: > 0 } dll
        ? dll
        : Path.Combine(BenchOptions.RepoRoot(), "src", "Lrs.Server", "bin", "Release", "net10.0", "Lrs.Server.dll");

    public static AuthenticationHeaderValue Authorization { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Key + ":" + Secret)));

    /// <summary>Starts the server and waits until it is ready; <paramref name="environment"/> adds settings (a role, a followed LRS).</summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var process = Launch(dataDir, logPath, ["--urls", $"http://127.0.0.1:{port}"], environment);
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 1500; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode} at start; see {logPath}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(server.BaseUri, "health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy (migrations on a large file).
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"the server did not become ready in 5 minutes; see {logPath}");
    }

    /// <summary>Runs a command of the server's command line (import, ...) to its end; returns exit code, time and peak RSS.</summary>
    public static async Task<(int ExitCode, TimeSpan Elapsed, long PeakRssKb)> RunCommandAsync(string dataDir, string logPath, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var process = Launch(dataDir, logPath, args);
        using var memory = new ProcessMemory(process.Id);
        long peak = 0;
        while (!process.WaitForExit(100))
        {
            peak = Math.Max(peak, memory.PeakKb);
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, watch.Elapsed, peak);
    }

    private static Process Launch(string dataDir, string logPath, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(ServerDll))
        {
            throw new InvalidOperationException($"{ServerDll} is missing: dotnet build src/Lrs.Server -c Release");
        }

        // Started where it is installed, as a deployment would be: the host watches its content root (the working
        // directory) for configuration changes, and a busy directory there (a build, a data dir) costs it CPU.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        info.ArgumentList.Add(ServerDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LRS_DATA_DIR"] = dataDir;
        info.Environment["LRS_BOOTSTRAP_KEY"] = Key;
        info.Environment["LRS_BOOTSTRAP_SECRET"] = Secret;
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) =>
        {
            lock (log)
            {
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        return process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines after exit.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the server as an operator would (SIGTERM), so it closes the database cleanly.</summary>
    public async ValueTask DisposeAsync()
    {
        Memory.Dispose();
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
