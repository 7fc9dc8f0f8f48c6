namespace Lrs.Xapi.Tests;

public class XapiVersionsTests
{
    [Theory]
    [InlineData("1.0", XapiVersion.V103)]
    [InlineData("1.0.0", XapiVersion.V103)]
    [InlineData("1.0.1", XapiVersion.V103)]
    [InlineData("1.0.3", XapiVersion.V103)]
    [InlineData("1.0.42", XapiVersion.V103)]
    [InlineData(" 1.0.3 ", XapiVersion.V103)]
    [InlineData("2.0", XapiVersion.V200)]
    [InlineData("2.0.0", XapiVersion.V200)]
    [InlineData("2.0.9", XapiVersion.V200)]
    public void Served_versions_are_read_from_the_header(string header, XapiVersion expected)
    {
        Assert.True(XapiVersions.TryParseHeader(header, out var version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0.9")]
    [InlineData("0.95")]
    [InlineData("1")]
    [InlineData("1.0.")]
    [InlineData("1.0.x")]
    [InlineData("1.0.3-rc1")]
    [InlineData("1.1.0")]
    [InlineData("2")]
    [InlineData("2.1")]
    [InlineData("2.0.0.0")]
    [InlineData("3.0.0")]
    [InlineData("v2.0.0")]
    [InlineData("1.0.٣")]
    public void Other_headers_are_not_served(string? header) => Assert.False(XapiVersions.TryParseHeader(header, out _));

    [Fact]
    public void Each_behaviour_names_its_latest_version()
    {
        Assert.Equal("1.0.3", XapiVersion.V103.HeaderValue());
        Assert.Equal("2.0.0", XapiVersion.V200.HeaderValue());
        Assert.Equal(["1.0.3", "2.0.0"], XapiVersions.Supported);
        Assert.Equal("X-Experience-API-Version", XapiVersions.Header);
    }

    [Fact]
    public void A_statement_without_a_version_is_labelled_by_the_request_version()
    {
        Assert.Equal("1.0.0", XapiVersion.V103.DefaultStatementVersion());
        Assert.Equal("2.0.0", XapiVersion.V200.DefaultStatementVersion());
    }

    [Theory]
    [InlineData("1.0.3", "1.0.", true)]
    [InlineData("1.0.10", "1.0.", true)]
    [InlineData("1.0.", "1.0.", false)]
    [InlineData("1.0", "1.0.", false)]
    [InlineData("1.0.3a", "1.0.", false)]
    [InlineData("2.0.0", "1.0.", false)]
    public void A_patch_version_is_the_prefix_then_digits(string value, string prefix, bool expected) =>
        Assert.Equal(expected, XapiVersions.IsPatchOf(value, prefix));
}
