using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Analytics.Feed;

/// <summary>
/// The feed of another LRS, read over xAPI: GET statements in ascending stored order, following "more" links, so a
/// dashboard can follow any conformant LRS.
/// </summary>
/// <remarks>
/// The cursor is a stored instant. It trails the newest statement read by a millisecond (statements of one batch share
/// their stored instant, and a restart must not skip the rest of such a group) and never passes the LRS's
/// X-Experience-API-Consistent-Through. Statements read again after a restart are flagged by
/// <see cref="FeedPage.MayRepeat"/> and dropped by the projection; within one run this feed drops them itself.
/// The remote LRS never returns voided statements; their voiding statements arrive and void what was read before.
/// Statements are read as xAPI 2.0.0, since an LRS serves 2.0 context.contextGroups (teams) only to 2.0 readers; an LRS
/// that refuses that version is read as 1.0.3.
/// </remarks>
public sealed class RemoteLrsFeed : IStatementFeed
{
    private const string Preferred = "2.0.0";
    private const string Fallback = "1.0.3";
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue _auth;
    private readonly HashSet<Guid> _handedOver = [];
    private string? _more;
    private string? _moreCursor;
    private string _version = Preferred;

    /// <summary>Follows the LRS at <paramref name="endpoint"/> (e.g. https://lrs.example.com/xapi/) with a Basic credential that may read statements.</summary>
    public RemoteLrsFeed(HttpClient http, Uri endpoint, string key, string secret)
    {
        _http = http;
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
    }

    public string Name => "remote:" + _endpoint.AbsoluteUri;

    public async Task<FeedPage> ReadAsync(string? cursor, int max, CancellationToken cancellationToken)
    {
        var url = _more is not null && _moreCursor == cursor
            ? new Uri(_endpoint, _more)
            : new Uri(_endpoint, "statements?ascending=true&format=exact&limit=" + max.ToString(CultureInfo.InvariantCulture) +
                (cursor is null ? "" : "&since=" + Uri.EscapeDataString(cursor)));
        using var response = await SendAsync(url, cancellationToken);
        await EnsureSuccessAsync(response, url, cancellationToken);
        var statements = new List<FeedStatement>();
        DateTimeOffset? newest = null;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken); // buffered by SendAsync
        var more = StatementResultReader.Read(body, s =>
        {
            var id = Guid.Parse((string)s["id"]!);
            var stored = DateTimeOffset.Parse((string)s["stored"]!, CultureInfo.InvariantCulture);
            newest = newest is null || stored > newest ? stored : newest;
            if (_handedOver.Add(id))
            {
                statements.Add(new FeedStatement(id, XapiJson.Serialize(s), stored, Voided: false));
            }
        });

        var next = NextCursor(cursor, newest, ConsistentThrough(response));
        (_more, _moreCursor) = more is null ? (null, null) : (more, next);
        if (_handedOver.Count > 100_000)
        {
            // Only statements near the cursor can come back; the projection drops any older repeat anyway.
            _handedOver.Clear();
        }

        return new FeedPage(statements, next, HasMore: _more is not null, MayRepeat: true);
    }

    public async Task<JObject?> GetActivityDefinitionAsync(string activityId, CancellationToken cancellationToken)
    {
        var url = new Uri(_endpoint, "activities?activityId=" + Uri.EscapeDataString(activityId));
        using var response = await SendAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, url, cancellationToken);
        return XapiJson.Parse(await response.Content.ReadAsStringAsync(cancellationToken))["definition"] as JObject;
    }

    /// <summary>A refusal names the URL and what the LRS said, so an operator can tell a bad credential from a bad URL.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}", null, response.StatusCode);
        }
    }

    /// <summary>GET in the version the LRS takes: 2.0.0 until it refuses it with a 400 that 1.0.3 does not get.</summary>
    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        var response = await SendAsync(url, _version, cancellationToken);
        if (response.StatusCode != HttpStatusCode.BadRequest || _version != Preferred)
        {
            return response;
        }

        var again = await SendAsync(url, Fallback, cancellationToken);
        if (again.StatusCode == HttpStatusCode.BadRequest)
        {
            // Refused in both versions: the request itself is wrong, and the first answer says why.
            again.Dispose();
            return response;
        }

        response.Dispose();
        _version = Fallback;
        return again;
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = _auth;
        request.Headers.Add("X-Experience-API-Version", version);
        return await _http.SendAsync(request, cancellationToken);
    }

    private static DateTimeOffset? ConsistentThrough(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Experience-API-Consistent-Through", out var values) &&
        DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    private static string? NextCursor(string? cursor, DateTimeOffset? newest, DateTimeOffset? consistent)
    {
        if (newest is null)
        {
            return cursor;
        }

        var next = newest.Value.AddMilliseconds(-1);
        if (consistent is { } c && c < next)
        {
            next = c;
        }

        var previous = cursor is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(cursor, CultureInfo.InvariantCulture);
        return (previous is { } p && p > next ? p : next).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
