using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Lrs.Server.Tests.Hosting;

/// <summary>
/// The built Lrs.Server.dll run as its own process (dotnet exec) on a loopback port and a given data directory, so a
/// test can kill it as a power cut would and start it again.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the server printed, for the message of a failing assertion.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The Lrs.Server.dll the test project's build produced, in the same configuration.</summary>
    public static string ServerDll()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Lrs.Server", "bin", configuration, "net10.0", "Lrs.Server.dll");
        Assert.True(File.Exists(dll), "the server is not built at " + dll);
        return dll;
    }

    public static async Task<ServerProcess> StartAsync(string dataDir, CancellationToken cancellationToken)
    {
        var dll = ServerDll();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LRS_DATA_DIR"] = dataDir;
        start.Environment["LRS_BOOTSTRAP_KEY"] = TestLrs.BootstrapKey;
        start.Environment["LRS_BOOTSTRAP_SECRET"] = TestLrs.BootstrapSecret;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "2.0.0");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestLrs.BootstrapKey + ":" + TestLrs.BootstrapSecret)));
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            Assert.False(_process.HasExited, "the server exited at start:\n" + Output);
            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        Assert.Fail("the server did not become ready in 30 s:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
