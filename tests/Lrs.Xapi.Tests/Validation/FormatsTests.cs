using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public class FormatsTests
{
    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/completed")]
    [InlineData("urn:uuid:5e3b1c2a-0d5c-4b9a-9f35-2b8f3a3f0c11")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@5b4b")]
    [InlineData("mailto:someone@example.com")]
    public void Absolute_IRIs_are_accepted(string iri) => Assert.True(Formats.IsIri(iri));

    [Theory]
    [InlineData("ab=c://should.fail.com")]
    [InlineData("438AD672-DE2C-4F0B-8876-35444E7DD746")]
    [InlineData("http://example.com/with space")]
    [InlineData("http:")]
    [InlineData("")]
    [InlineData("http://example.com/%zz")]
    public void Strings_that_are_not_absolute_IRIs_are_refused(string iri) => Assert.False(Formats.IsIri(iri));
}
