using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Query;

namespace Lrs.Xapi.Tests.Query;

public class MoreTokenTests
{
    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void A_token_reads_back_as_its_parameters_and_position()
    {
        var parameters = new Dictionary<string, string>
        {
            ["agent"] = """{"mbox":"mailto:ada@example.com"}""",
            ["verb"] = "http://adlnet.gov/expapi/verbs/completed",
            ["since"] = "2024-01-31T13:45:00+01:00",
            ["limit"] = "25",
        };

        var (read, position) = MoreToken.Read(MoreToken.Create(parameters, 9_007_199_254_740_993));

        Assert.Equal(parameters, read);
        Assert.Equal(9_007_199_254_740_993, position);
    }

    [Fact]
    public void A_token_without_parameters_reads_back_empty()
    {
        var (read, position) = MoreToken.Read(MoreToken.Create(new Dictionary<string, string>(), 0));

        Assert.Empty(read);
        Assert.Equal(0, position);
    }

    [Fact]
    public void A_token_is_safe_in_a_URL_query()
    {
        // Characters whose base64 holds '+' and '/', and lengths that need padding.
        var parameters = new Dictionary<string, string> { ["activity"] = "https://example.com/?>?>~~~ÿ" };

        for (var position = 0; position < 5; position++)
        {
            var token = MoreToken.Create(parameters, position);

            Assert.DoesNotContain('+', token);
            Assert.DoesNotContain('/', token);
            Assert.DoesNotContain('=', token);
            Assert.Equal(Uri.EscapeDataString(token), token);
            Assert.Equal(position, MoreToken.Read(token).LastPosition);
        }
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("eyJwIjox")]
    public void Garbage_is_refused_naming_the_more_parameter(string token)
    {
        var e = Assert.Throws<BadRequestException>(() => MoreToken.Read(token));

        Assert.Equal("more", e.Parameter);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("not a continuation this LRS issued", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[1, 2]""")]
    [InlineData("""{ "q": {} }""")]
    [InlineData("""{ "p": 1 }""")]
    [InlineData("""{ "p": "one", "q": {} }""")]
    [InlineData("""{ "p": 1, "q": [] }""")]
    [InlineData("""{ "p": 1, "q": { "verb": { "id": "x" } } }""")]
    [InlineData("""{ "p": 1e30, "q": {} }""")]
    [InlineData("""{ "p": 99999999999999999999999, "q": {} }""")]
    [InlineData("""{ "p": null, "q": {} }""")]
    public void Well_encoded_JSON_of_the_wrong_shape_is_refused_too(string json)
    {
        var e = Assert.Throws<BadRequestException>(() => MoreToken.Read(Base64Url(json)));

        Assert.Equal("more", e.Parameter);
    }
}
