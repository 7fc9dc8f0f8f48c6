using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public partial class FormatsTests
{
    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/completed")]
    [InlineData("HTTPS://Example.COM/Path?q=1#frag")]
    [InlineData("urn:uuid:5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@5b4b")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("tag:example.com,2024:thing")]
    [InlineData("x-my.scheme+v2:anything")]
    [InlineData("https://例え.jp/パス")]
    [InlineData("http://example.com/caf%C3%A9")]
    [InlineData("http://example.com/%7e%7E")]
    public void Absolute_IRIs_are_accepted(string iri) => Assert.True(Formats.IsIri(iri));

    [Theory]
    [InlineData("ab=c://should.fail.com")]
    [InlineData("438AD672-DE2C-4F0B-8876-35444E7DD746")]
    [InlineData("example.com/no/scheme")]
    [InlineData("/relative/path")]
    [InlineData("1http://starts.with.a.digit")]
    [InlineData("-http://starts.with.a.dash")]
    [InlineData(":no-scheme")]
    [InlineData("http://example.com/with space")]
    [InlineData(" http://example.com/leading-space")]
    [InlineData("http://example.com/tab\there")]
    [InlineData("http://example.com/new\nline")]
    [InlineData("http:")]
    [InlineData("")]
    [InlineData("http://example.com/%zz")]
    [InlineData("http://example.com/%4")]
    [InlineData("http://example.com/%")]
    [InlineData("http://example.com/%g0")]
    [InlineData("http://example.com/<tag>")]
    [InlineData("http://example.com/\"quoted\"")]
    [InlineData("http://example.com/{braces}")]
    [InlineData("http://example.com/a|b")]
    [InlineData("http://example.com/back\\slash")]
    [InlineData("http://example.com/caret^")]
    [InlineData("http://example.com/`tick`")]
    [InlineData("http://example.com/\u007f")]
    public void Strings_that_are_not_absolute_IRIs_are_refused(string iri) => Assert.False(Formats.IsIri(iri));

    [Fact]
    public void Null_is_not_an_IRI() => Assert.False(Formats.IsIri(null));

    [Theory]
    [InlineData("https://lms.example.com", true)]
    [InlineData("lms.example.com", false)]
    public void An_IRL_is_held_to_the_IRI_grammar(string value, bool expected) => Assert.Equal(expected, Formats.IsIrl(value));

    [Theory]
    [InlineData("5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("438AD672-DE2C-4F0B-8876-35444E7DD746")]
    [InlineData("438ad672-DE2C-4f0b-8876-35444e7dd746")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("0190f5b8-7c1a-7d2e-9f00-123456789abc")]
    public void UUIDs_in_8_4_4_4_12_form_are_accepted_in_any_case_and_version(string uuid)
    {
        Assert.True(Formats.IsUuid(uuid));
        Assert.True(Formats.TryParseUuid(uuid, out var id));
        Assert.Equal(new Guid(uuid), id);
    }

    [Theory]
    [InlineData("5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c111")]
    [InlineData("5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c1")]
    [InlineData("5e3b1c2a0-d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c1g")]
    [InlineData("zzzzzzzz-0d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("5e3b1c2a0d5c4b9a9f352b8f3a3f0c11")]
    [InlineData("{5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11}")]
    [InlineData("(5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11)")]
    [InlineData("5e3b1c2a_0d5c_4b9a_9f35_2b8f3a3f0c11")]
    [InlineData(" 5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c1")]
    [InlineData("urn:uuid:5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("")]
    public void Strings_that_are_not_UUIDs_are_refused(string value)
    {
        Assert.False(Formats.IsUuid(value));
        Assert.False(Formats.TryParseUuid(value, out var id));
        Assert.Equal(Guid.Empty, id);
    }

    [Fact]
    public void Null_is_not_a_UUID() => Assert.False(Formats.IsUuid(null));

    [Theory]
    [InlineData("mailto:ada@example.com")]
    [InlineData("MAILTO:ada@example.com")]
    [InlineData("mailto:first.last+tag@sub.example.co.uk")]
    [InlineData("mailto:a@b")]
    public void Mailto_IRIs_with_a_local_part_and_a_domain_are_accepted(string value) => Assert.True(Formats.IsMailto(value));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("mailto:")]
    [InlineData("mailto:ada")]
    [InlineData("mailto:@example.com")]
    [InlineData("mailto:ada@")]
    [InlineData("mailto:ada@exa@mple.com")]
    [InlineData("mailto:ada lovelace@example.com")]
    [InlineData("mailto:<ada@example.com>")]
    [InlineData("mailto:ada@example.com,bob@example.com")]
    [InlineData("mailto:ada@example.com;bob@example.com")]
    [InlineData("mailto:\"ada\"@example.com")]
    [InlineData("mailto:ada@[127.0.0.1]")]
    [InlineData("http://example.com")]
    public void Strings_that_are_not_mailto_IRIs_are_refused(string value) => Assert.False(Formats.IsMailto(value));

    [Fact]
    public void Null_is_not_a_mailto_IRI() => Assert.False(Formats.IsMailto(null));

    [Theory]
    [InlineData("ebd31e95054c018b10727ccffd2ef2ec3a016ee9", true)]
    [InlineData("EBD31E95054C018B10727CCFFD2EF2EC3A016EE9", true)]
    [InlineData("ebd31e95054c018b10727ccffd2ef2ec3a016ee", false)]
    [InlineData("ebd31e95054c018b10727ccffd2ef2ec3a016ee90", false)]
    [InlineData("ebd31e95054c018b10727ccffd2ef2ec3a016eeg", false)]
    [InlineData("mailto:ada@example.com", false)]
    [InlineData("", false)]
    public void A_SHA_1_is_exactly_40_hex_digits(string value, bool expected) => Assert.Equal(expected, Formats.IsSha1Hex(value));

    [Fact]
    public void Hex_of_a_given_length_refuses_null_and_other_lengths()
    {
        Assert.True(Formats.IsHex("0aF9", 4));
        Assert.False(Formats.IsHex("0aF9", 3));
        Assert.False(Formats.IsHex("0aF-", 4));
        Assert.False(Formats.IsHex(null, 0));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/vnd.ms-excel")]
    [InlineData("image/svg+xml")]
    [InlineData("application/octet-stream")]
    [InlineData("  text/html  ")]
    [InlineData("multipart/mixed; boundary=abc")]
    public void Internet_media_types_are_accepted(string value) => Assert.True(Formats.IsMediaType(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("/plain")]
    [InlineData("text/pl ain")]
    [InlineData("text/plain/extra")]
    [InlineData("te(x)t/plain")]
    [InlineData("text/pl@in")]
    [InlineData("tëxt/plain")]
    [InlineData("; charset=utf-8")]
    public void Strings_that_are_not_media_types_are_refused(string value) => Assert.False(Formats.IsMediaType(value));

    [Fact]
    public void Null_is_not_a_media_type() => Assert.False(Formats.IsMediaType(null));

    [Fact]
    public void Null_is_not_a_language_tag() => Assert.False(Formats.IsLanguageTag(null));
}
