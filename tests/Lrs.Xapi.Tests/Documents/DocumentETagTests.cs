using System.Text;
using Lrs.Xapi.Documents;

namespace Lrs.Xapi.Tests.Documents;

public class DocumentETagTests
{
    [Theory]
    // FIPS 180 test vectors for SHA-1.
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void The_ETag_is_the_lowercase_hex_SHA_1_of_the_content(string content, string expected) =>
        Assert.Equal(expected, DocumentETag.Compute(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void One_changed_byte_changes_the_ETag() =>
        Assert.NotEqual(DocumentETag.Compute("{\"a\":1}"u8), DocumentETag.Compute("{\"a\":2}"u8));

    [Fact]
    public void The_header_form_is_quoted() =>
        Assert.Equal("\"a9993e364706816aba3e25717850c26c9cd0d89d\"", DocumentETag.Quote("a9993e364706816aba3e25717850c26c9cd0d89d"));
}
