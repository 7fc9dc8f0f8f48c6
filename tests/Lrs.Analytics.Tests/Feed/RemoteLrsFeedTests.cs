using System.Net;
using System.Text;
using Lrs.Analytics.Feed;

namespace Lrs.Analytics.Tests.Feed;

/// <summary>Which xAPI version the remote feed reads in: 2.0.0 (teams in contextGroups), else 1.0.3.</summary>
public sealed class RemoteLrsFeedTests
{
    private const string Page = """{"statements":[{"id":"00000000-0000-4000-8000-000000000001","actor":{"mbox":"mailto:ann@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/commented"},"object":{"id":"http://forum/1"},"stored":"2026-01-05T00:00:00.000Z","timestamp":"2026-01-05T00:00:00.000Z"}],"more":""}""";

    [Fact]
    public async Task The_feed_reads_as_2_0_0_when_the_lrs_takes_it()
    {
        var lrs = new StubLrs(accepts: ["2.0.0", "1.0.3"]);
        var page = await Feed(lrs).ReadAsync(null, 10, TestContext.Current.CancellationToken);
        Assert.Single(page.Statements);
        Assert.Equal(["2.0.0"], lrs.VersionsAsked);
    }

    [Fact]
    public async Task An_lrs_that_refuses_2_0_0_is_read_as_1_0_3_from_then_on()
    {
        var lrs = new StubLrs(accepts: ["1.0.3"]);
        var feed = Feed(lrs);
        Assert.Single((await feed.ReadAsync(null, 10, TestContext.Current.CancellationToken)).Statements);
        await feed.ReadAsync("2026-01-05T00:00:00.000Z", 10, TestContext.Current.CancellationToken);
        Assert.Equal(["2.0.0", "1.0.3", "1.0.3"], lrs.VersionsAsked);
    }

    [Fact]
    public async Task A_request_refused_in_both_versions_reports_the_first_refusal()
    {
        var lrs = new StubLrs(accepts: []);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Feed(lrs).ReadAsync(null, 10, TestContext.Current.CancellationToken));
        Assert.Contains("refused 2.0.0", error.Message, StringComparison.Ordinal);
        Assert.Equal(["2.0.0", "1.0.3"], lrs.VersionsAsked);
    }

    private static RemoteLrsFeed Feed(StubLrs lrs) =>
        new(new HttpClient(lrs) { BaseAddress = new Uri("http://lrs.example.org/") }, new Uri("http://lrs.example.org/xapi/"), "key", "secret");

    /// <summary>Answers every GET with one page of statements, or 400 when the version header is not one it takes.</summary>
    private sealed class StubLrs(string[] accepts) : HttpMessageHandler
    {
        public List<string> VersionsAsked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var version = request.Headers.GetValues("X-Experience-API-Version").Single();
            VersionsAsked.Add(version);
            return Task.FromResult(accepts.Contains(version)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Page, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("refused " + version) });
        }
    }
}
