using System.Diagnostics;
using System.Net.Http.Headers;

namespace Lrs.Benchmarks;

/// <summary>What one HTTP workload measured: wall time, every request's latency, and the first failure if any.</summary>
/// <remarks>
/// A paced run also says how long each request waited to be sent after it was due (<see cref="LateMs"/>), which its
/// latency counts too: for a client free of its previous request (the server's backlog), or for the tool's own thread to
/// get a core, which it shares with the server; the two cannot be told apart from here.
/// </remarks>
public sealed record HttpRun(TimeSpan Elapsed, double[] LatenciesMs, int Failures, string? FirstFailure, double[]? LateMs = null)
{
    public int Requests => LatenciesMs.Length;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Clients over keep-alive connections, taking request numbers from a shared counter until all are sent: closed-loop
/// (each sends its next request as soon as the previous one is answered) or paced (each request waits for its due time).
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

    public static Task<HttpRun> RunAsync(HttpClient http, int clients, int requests, Func<int, HttpRequestMessage> request) =>
        RunAsync(http, clients, requests, perSecond: null, request);

    /// <summary>
    /// Open-loop clients: request i is due i / <paramref name="perSecond"/> seconds into the run, whether or not earlier
    /// answers have come back, and its latency counts from when it was due. Closed-loop clients at full speed measure
    /// the queue their own number builds (32 clients on a server that answers 2,400 a second wait about 13 ms each,
    /// however fast each request is served), so a target of "so many a second within so many ms" is a latency at that
    /// rate. Counting from the due time keeps a stalled server's queue in the figures instead of timing a late request
    /// from its late send (the error wrk2 was written to avoid). Waits under a millisecond are not slept: a request
    /// sent before it was due counts from its send.
    /// </summary>
    public static Task<HttpRun> RunPacedAsync(HttpClient http, int clients, int requests, double perSecond, Func<int, HttpRequestMessage> request) =>
        RunAsync(http, clients, requests, perSecond, request);

    private static async Task<HttpRun> RunAsync(HttpClient http, int clients, int requests, double? perSecond, Func<int, HttpRequestMessage> request)
    {
        var latencies = new double[requests];
        var late = perSecond is null ? null : new double[requests];
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var watch = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var due = perSecond is { } rate ? origin + (long)(i * (Stopwatch.Frequency / rate)) : long.MaxValue;
                if (perSecond is not null && Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is var wait && wait >= TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                using var message = request(i);
                var start = Math.Min(due, Stopwatch.GetTimestamp());
                if (late is not null)
                {
                    late[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                if (await SendAsync(http, message) is { } failure)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return new HttpRun(watch.Elapsed, latencies, failures, firstFailure, late);
    }

    /// <summary>Sends and reads the whole answer; says what went wrong, or null.</summary>
    private static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage message)
    {
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync();
            return $"{(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
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
