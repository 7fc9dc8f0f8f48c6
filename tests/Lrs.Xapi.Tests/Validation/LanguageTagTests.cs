using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public class LanguageTagTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("EN")]
    [InlineData("en-US")]
    [InlineData("en-us")]
    [InlineData("fr-FR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("zh-yue-HK")]
    [InlineData("es-419")]
    [InlineData("sr-Latn")]
    [InlineData("de-CH-1901")]
    [InlineData("sl-rozaj-biske")]
    [InlineData("hy-Latn-IT-arevela")]
    [InlineData("en-US-u-islamcal")]
    [InlineData("en-a-bbb-x-a-ccc")]
    [InlineData("de-DE-u-co-phonebk")]
    [InlineData("en-US-x-twain")]
    [InlineData("x-private")]
    [InlineData("X-whatever-1")]
    [InlineData("sgn-BE-FR")]
    [InlineData("i-klingon")]
    [InlineData("I-KLINGON")]
    [InlineData("art-lojban")]
    [InlineData("zh-min-nan")]
    [InlineData("tlh")]
    [InlineData("abcd")]
    [InlineData("abcdefgh")]
    public void Well_formed_RFC_5646_tags_are_accepted(string tag)
    {
        Assert.True(LanguageTag.IsWellFormed(tag));
        Assert.True(Formats.IsLanguageTag(tag));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a12345", "a language subtag is letters only")]
    [InlineData("a12345678", "no subtag is longer than eight characters")]
    [InlineData("abcdefghi", "no subtag is longer than eight characters")]
    [InlineData("e", "a language subtag has at least two letters")]
    [InlineData("12", "a language subtag is letters only")]
    [InlineData("en-", "empty subtag")]
    [InlineData("-en", "empty subtag")]
    [InlineData("en--US", "empty subtag")]
    [InlineData("en_US", "underscore is not a separator")]
    [InlineData("en US", "spaces are not allowed")]
    [InlineData("en-US-", "empty subtag")]
    [InlineData("de-1901-1901", "duplicate variants")]
    [InlineData("de-CH-1901-1901", "duplicate variants")]
    [InlineData("sl-rozaj-ROZAJ", "duplicate variants, in any case")]
    [InlineData("en-a-bbb-a-ccc", "duplicate singletons")]
    [InlineData("en-a-bbb-A-ccc", "duplicate singletons, in any case")]
    [InlineData("en-a", "a singleton needs a subtag after it")]
    [InlineData("en-a-x-foo", "a singleton needs a subtag after it")]
    [InlineData("en-a-b", "an extension subtag has at least two characters")]
    [InlineData("x", "private use needs a subtag")]
    [InlineData("en-x", "private use needs a subtag")]
    [InlineData("en-US-US", "one region")]
    [InlineData("en-Latn-Latn", "one script")]
    [InlineData("en-abc-def-ghi-jkl", "at most three extlangs")]
    [InlineData("i-foo", "not a grandfathered tag")]
    [InlineData("én", "ASCII only")]
    public void Malformed_tags_are_refused(string tag, string why)
    {
        Assert.False(LanguageTag.IsWellFormed(tag), why);
        Assert.False(Formats.IsLanguageTag(tag), why);
    }
}
