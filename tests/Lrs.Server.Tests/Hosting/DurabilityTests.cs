using System.Collections.Concurrent;
using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Hosting;

/// <summary>
/// An acknowledged statement survives the process being killed: the real server, killed with SIGKILL while clients
/// are posting, then started again on the same data directory.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Writers = 8;
    private const int BatchSize = 3;

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "lrs-durability-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static JObject InRegistration(Guid registration)
    {
        var statement = Statements.Make(Statements.NewActivity(), id: Guid.NewGuid());
        statement["context"] = new JObject { ["registration"] = registration.ToString("D") };
        return statement;
    }

    [Fact]
    public async Task Every_acknowledged_statement_survives_a_SIGKILL_mid_stream_and_no_batch_is_half_stored()
    {
        var token = TestContext.Current.CancellationToken;
        var registration = Guid.NewGuid();
        var acknowledged = new ConcurrentBag<Guid>();
        var sentBatches = new ConcurrentBag<Guid[]>();
        using var killed = new CancellationTokenSource();

        using (var server = await ServerProcess.StartAsync(_dataDir, token))
        {
            using var client = server.Client();
            // Odd writers post single statements, even ones batches, all at once, until the server dies under them.
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                while (!killed.IsCancellationRequested)
                {
                    var batch = Enumerable.Range(0, w % 2 == 0 ? BatchSize : 1).Select(_ => InRegistration(registration)).ToArray();
                    var ids = batch.Select(s => Guid.Parse((string)s["id"]!)).ToArray();
                    sentBatches.Add(ids);
                    try
                    {
                        using var response = await client.PostStatementsAsync(new JArray(batch.Cast<object>().ToArray()));
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        foreach (var id in ids)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            }, token)).ToList();

            while (acknowledged.Count < 300 && writers.All(w => !w.IsCompleted))
            {
                await Task.Delay(20, token);
            }

            server.Kill();
            await killed.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var restarted = await ServerProcess.StartAsync(_dataDir, token);
        using var reader = restarted.Client();
        var stored = new HashSet<Guid>();
        for (var uri = $"/xapi/statements?registration={registration}&limit=0&ascending=true"; !string.IsNullOrEmpty(uri);)
        {
            using var response = await reader.GetResponseAsync(uri);
            var page = (JObject)await response.ReadJsonAsync();
            foreach (var s in (JArray)page["statements"]!)
            {
                Assert.True(stored.Add(Guid.Parse((string)s["id"]!)), "a statement came back twice");
            }

            uri = (string?)page["more"];
        }

        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} statements were acknowledged before the kill");
        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged statements were lost");
        var halfStored = sentBatches.Where(b => b.Count(stored.Contains) is not 0 && b.Count(stored.Contains) != b.Length).ToList();
        Assert.Empty(halfStored);
    }
}
