using System.Diagnostics;
using System.Net.Http.Headers;

namespace Lrs.Benchmarks;

/// <summary>What one HTTP workload measured: wall time, every request's latency, and the first failure if any.</summary>
public sealed record HttpRun(TimeSpan Elapsed, double[] LatenciesMs, int Failures, string? FirstFailure)
{
    public int Requests => LatenciesMs.Length;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return 0;
        }

        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Closed-loop clients over keep-alive connections: each client sends its next request as soon as the previous one is
/// answered, taking request numbers from a shared counter until all are sent.
/// </summary>
public static class HttpDriver
{
    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    public static async Task<HttpRun> RunAsync(HttpClient http, int clients, int requests, Func<int, HttpRequestMessage> request)
    {
        var latencies = new double[requests];
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var message = request(i);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return new HttpRun(watch.Elapsed, latencies, failures, firstFailure);
    }

    public static HttpRequestMessage Xapi(HttpMethod method, Uri uri, HttpContent? content = null)
    {
        var message = new HttpRequestMessage(method, uri) { Content = content };
        message.Headers.Authorization = ServerProcess.Authorization;
        message.Headers.Add("X-Experience-API-Version", "2.0.0");
        return message;
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
