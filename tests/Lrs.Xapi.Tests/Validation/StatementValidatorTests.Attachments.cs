using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    private const string SignatureUsage = "http://adlnet.gov/expapi/attachments/signature";

    private static JObject Attachment(Action<JObject>? change = null)
    {
        var a = Fixture.Obj("""
            { "usageType": "https://lms.example.com/attachments/certificate",
              "display": { "en-US": "Certificate" },
              "contentType": "application/pdf",
              "length": 12345,
              "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634" }
            """);
        change?.Invoke(a);
        return a;
    }

    private static JObject WithAttachment(JObject attachment) => Simple("", "attachments", new JArray(attachment));

    [Fact]
    public void A_well_formed_attachment_is_valid() => Accepts(WithAttachment(Attachment()));

    [Fact]
    public void Attachments_must_be_an_array() =>
        AssertRejected(Simple("", "attachments", Attachment()), "attachments", "must be an array");

    [Fact]
    public void An_attachment_must_be_an_object() =>
        AssertRejected(Simple("", "attachments", new JArray("certificate.pdf")), "attachments[0]", "an attachment must be an object");

    [Theory]
    [InlineData("usageType")]
    [InlineData("display")]
    [InlineData("contentType")]
    [InlineData("length")]
    [InlineData("sha2")]
    public void Required_attachment_properties_are_named_when_missing(string name) =>
        AssertRejected(WithAttachment(Attachment(a => a.Remove(name))), "attachments[0]." + name, "is required");

    [Theory]
    [InlineData("usageType", "\"certificate\"", "absolute IRI")]
    [InlineData("display", "\"Certificate\"", "must be a language map")]
    [InlineData("description", "[\"Certificate\"]", "must be a language map")]
    [InlineData("contentType", "\"pdf\"", "must be an Internet media type")]
    [InlineData("contentType", "7", "must be a string")]
    [InlineData("length", "-1", "must be a non-negative integer")]
    [InlineData("length", "12.5", "must be a non-negative integer")]
    [InlineData("length", "\"12345\"", "must be a non-negative integer")]
    [InlineData("sha2", "\"\"", "must be the hex SHA-2 hash")]
    [InlineData("sha2", "\"not hex\"", "must be the hex SHA-2 hash")]
    [InlineData("fileUrl", "\"certificate.pdf\"", "must be an IRL")]
    [InlineData("name", "\"certificate.pdf\"", "not an allowed property")]
    public void Malformed_attachment_properties_are_rejected(string name, string json, string rule) =>
        AssertRejected(WithAttachment(Attachment(a => a[name] = Fixture.Token(json))), "attachments[0]." + name, rule);

    [Fact]
    public void A_length_too_large_for_a_long_is_rejected_rather_than_thrown_on() =>
        AssertRejected(
            WithAttachment(Attachment(a => a["length"] = Fixture.Token("99999999999999999999999"))),
            "attachments[0].length",
            "must be a non-negative integer");

    [Fact]
    public void An_attachment_of_length_zero_is_valid() => Accepts(WithAttachment(Attachment(a => a["length"] = 0)));

    [Fact]
    public void A_signature_attachment_must_be_an_octet_stream() =>
        AssertRejected(
            WithAttachment(Attachment(a => a["usageType"] = SignatureUsage)),
            "attachments[0].contentType",
            "a signature attachment must have contentType application/octet-stream");

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("APPLICATION/Octet-Stream")]
    [InlineData("application/octet-stream; name=signature.jws")]
    public void A_signature_attachment_with_the_octet_stream_type_is_valid(string contentType) =>
        Accepts(WithAttachment(Attachment(a =>
        {
            a["usageType"] = SignatureUsage;
            a["contentType"] = contentType;
        })));

    [Fact]
    public void The_failing_attachment_is_named_by_its_index()
    {
        var s = Simple("", "attachments", new JArray(Attachment(), Attachment(a => a["sha2"] = "xyz")));

        AssertRejected(s, "attachments[1].sha2", "hex SHA-2");
    }

    [Fact]
    public void Sub_statement_attachments_are_validated_with_their_path() =>
        AssertRejected(
            With("substatement", "object", "attachments", new JArray(Attachment(a => a["contentType"] = "pdf"))),
            "object.attachments[0].contentType",
            "media type");
}
