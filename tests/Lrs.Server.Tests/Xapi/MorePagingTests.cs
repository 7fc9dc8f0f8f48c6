using System.Net;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>Following "more" links pages through a query once, however many statements arrive meanwhile.</summary>
public sealed class MorePagingTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    private readonly HttpClient _client = lrs.Client();

    private async Task<Guid> StoreInAsync(Guid registration)
    {
        var statement = Statements.Make(Statements.NewActivity());
        statement["context"] = new JObject { ["registration"] = registration.ToString("D") };
        return (await _client.StoreAsync(statement))[0];
    }

    /// <summary>Follows more links from the first query, storing one new statement before each of the first pages.</summary>
    private async Task<(List<Guid> Returned, List<Guid> Added)> PageWhileStoringAsync(Guid registration, string order)
    {
        var returned = new List<Guid>();
        var added = new List<Guid>();
        var uri = $"/xapi/statements?registration={registration}&limit=2&{order}";
        for (var page = 0; !string.IsNullOrEmpty(uri); page++)
        {
            Assert.True(page < 50, "the more links never end");
            using var response = await _client.GetResponseAsync(uri);
            var body = (JObject)await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            returned.AddRange(((JArray)body["statements"]!).Select(s => Guid.Parse((string)s["id"]!)));
            uri = (string?)body["more"];
            if (page < 4)
            {
                added.Add(await StoreInAsync(registration));
            }
        }

        return (returned, added);
    }

    [Fact]
    public async Task Ascending_more_links_return_every_statement_once_including_those_stored_while_paging()
    {
        var registration = Guid.NewGuid();
        var original = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            original.Add(await StoreInAsync(registration));
        }

        var (returned, added) = await PageWhileStoringAsync(registration, "ascending=true");

        Assert.Equal(original.Concat(added), returned);
    }

    [Fact]
    public async Task Descending_more_links_return_every_statement_of_the_first_page_once_and_none_stored_later()
    {
        var registration = Guid.NewGuid();
        var original = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            original.Add(await StoreInAsync(registration));
        }

        var (returned, _) = await PageWhileStoringAsync(registration, "ascending=false");

        Assert.Equal(Enumerable.Reverse(original), returned);
    }

    [Fact]
    public async Task A_more_link_with_other_parameters_or_not_issued_by_the_LRS_gets_400()
    {
        var registration = Guid.NewGuid();
        await StoreInAsync(registration);
        await StoreInAsync(registration);
        var more = (string)(await _client.QueryAsync($"registration={registration}&limit=1"))["more"]!;

        using var withLimit = await _client.GetResponseAsync(more + "&limit=5");
        using var forged = await _client.GetResponseAsync("/xapi/statements?more=not-a-token");

        Assert.Equal("more", (await XapiError.ReadAsync(withLimit, HttpStatusCode.BadRequest)).Field);
        Assert.Equal("more", (await XapiError.ReadAsync(forged, HttpStatusCode.BadRequest)).Field);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"q":{}}""")]
    [InlineData("""{"p":null,"q":{}}""")]
    [InlineData("""{"p":123456789012345678901234567890,"q":{}}""")]
    [InlineData("""{"p":1,"q":[]}""")]
    [InlineData("""{"p":1,"q":{"limit":[1]}}""")]
    public async Task A_forged_more_token_gets_400(string payload)
    {
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var response = await _client.GetResponseAsync("/xapi/statements?more=" + token);

        Assert.Equal("more", (await XapiError.ReadAsync(response, HttpStatusCode.BadRequest)).Field);
    }
}
