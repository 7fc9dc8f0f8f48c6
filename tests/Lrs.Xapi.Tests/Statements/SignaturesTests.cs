using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Statements;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Statements;

public class SignaturesTests
{
    // Made once for the class: an RSA key pair takes a noticeable time to generate.
    private static readonly RSA Key = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);
    private static readonly X509Certificate2 Certificate =
        new CertificateRequest("CN=xAPI test signer", Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    /// <summary>A compact JWS over the payload, signed with <paramref name="key"/>.</summary>
    private static byte[] Jws(JObject header, string payload, RSA key, HashAlgorithmName hash)
    {
        var signingInput = Base64Url(header.ToString(Formatting.None)) + "." + Base64Url(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return Encoding.ASCII.GetBytes(signingInput + "." + Base64Url(signature));
    }

    private static JObject HeaderWithCertificate(string alg) =>
        new() { ["alg"] = alg, ["x5c"] = new JArray(Convert.ToBase64String(Certificate.RawData)) };

    /// <summary>The full fixture as sent, carrying the signature attachment the signer added after signing.</summary>
    private static JObject Sent(Action<JObject>? change = null)
    {
        var s = Fixture.Statement("full");
        change?.Invoke(s);
        ((JArray)s["attachments"]!).Add(Fixture.Obj("""
            { "usageType": "http://adlnet.gov/expapi/attachments/signature", "display": { "en-US": "Signature" },
              "contentType": "application/octet-stream", "length": 512, "sha2": "aa" }
            """));
        return s;
    }

    /// <summary>The statement as signed: the fixture before the signature attachment was added.</summary>
    private static string Signed(Action<JObject>? change = null)
    {
        var s = Fixture.Statement("full");
        change?.Invoke(s);
        return s.ToString(Formatting.None);
    }

    private static ValidationException Refused(JObject statement, byte[] jws, string path = "[0]") =>
        Assert.Throws<ValidationException>(() => Signatures.Verify(statement, jws, path));

    private static void Verifies(JObject statement, byte[] jws) =>
        Assert.Null(Record.Exception(() => Signatures.Verify(statement, jws, "")));

    public static TheoryData<string, HashAlgorithmName> Algorithms => new()
    {
        { "RS256", HashAlgorithmName.SHA256 },
        { "RS384", HashAlgorithmName.SHA384 },
        { "RS512", HashAlgorithmName.SHA512 },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_statement_signed_with_an_RS_algorithm_and_its_certificate_verifies(string alg, HashAlgorithmName hash) =>
        Verifies(Sent(), Jws(HeaderWithCertificate(alg), Signed(), Key, hash));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_signature_by_another_key_than_the_certificate_does_not_verify(string alg, HashAlgorithmName hash)
    {
        var e = Refused(Sent(), Jws(HeaderWithCertificate(alg), Signed(), OtherKey, hash));

        Assert.Equal("[0]", e.Path);
        Assert.Equal("signature: the JWS signature does not verify against its x5c certificate", e.Rule);
    }

    [Fact]
    public void A_signature_made_with_another_hash_than_the_header_names_does_not_verify() =>
        Assert.Contains(
            "does not verify",
            Refused(Sent(), Jws(HeaderWithCertificate("RS512"), Signed(), Key, HashAlgorithmName.SHA256)).Rule,
            StringComparison.Ordinal);

    [Fact]
    public void Without_a_certificate_the_payload_alone_is_checked() =>
        Verifies(Sent(), Jws(new JObject { ["alg"] = "RS256" }, Signed(), Key, HashAlgorithmName.SHA256));

    [Fact]
    public void A_payload_that_is_not_the_statement_is_refused()
    {
        var jws = Jws(HeaderWithCertificate("RS256"), Signed(s => s["result"]!["success"] = false), Key, HashAlgorithmName.SHA256);

        var e = Refused(Sent(), jws);

        Assert.Equal("signature: the JWS payload is not the statement that was signed", e.Rule);
    }

    [Fact]
    public void A_payload_changed_after_signing_does_not_verify()
    {
        var jws = Encoding.ASCII.GetString(Jws(HeaderWithCertificate("RS256"), Signed(), Key, HashAlgorithmName.SHA256)).Split('.');
        var tampered = Signed(s => s["result"]!["success"] = false);
        var forged = Encoding.ASCII.GetBytes(jws[0] + "." + Base64Url(tampered) + "." + jws[2]);

        var e = Refused(Sent(s => s["result"]!["success"] = false), forged);

        Assert.Contains("does not verify", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_changed_after_signing_is_refused() =>
        Assert.Contains(
            "payload is not the statement",
            Refused(Sent(s => s["verb"]!["id"] = "http://adlnet.gov/expapi/verbs/passed"), Jws(HeaderWithCertificate("RS256"), Signed(), Key, HashAlgorithmName.SHA256)).Rule,
            StringComparison.Ordinal);

    [Fact]
    public void A_payload_without_an_id_matches_a_statement_with_one() =>
        Verifies(Sent(), Jws(HeaderWithCertificate("RS256"), Signed(s => s.Remove("id")), Key, HashAlgorithmName.SHA256));

    [Fact]
    public void A_payload_with_another_id_is_refused()
    {
        var jws = Jws(HeaderWithCertificate("RS256"), Signed(s => s["id"] = "00000000-0000-4000-8000-000000000001"), Key, HashAlgorithmName.SHA256);

        Assert.Contains("signed for another statement id", Refused(Sent(), jws).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_id_in_other_case_is_the_same_id() =>
        Verifies(Sent(), Jws(HeaderWithCertificate("RS256"), Signed(s => s["id"] = "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B"), Key, HashAlgorithmName.SHA256));

    [Fact]
    public void The_payload_is_compared_by_the_statement_comparison_rules()
    {
        // Same instant in another offset, members in another order, attachments in the payload: all ignored.
        var payload = Signed(s =>
        {
            s["timestamp"] = "2024-03-15T08:30:00.123Z";
            s["context"]!["team"]!["member"] = new JArray(((JArray)s["context"]!["team"]!["member"]!).Reverse());
            s["attachments"] = new JArray();
        });

        Verifies(Sent(), Jws(HeaderWithCertificate("RS256"), payload, Key, HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("ES256")]
    [InlineData("PS256")]
    [InlineData("rs256")]
    public void Algorithms_other_than_RS256_384_512_are_refused(string alg)
    {
        var e = Refused(Sent(), Jws(new JObject { ["alg"] = alg }, Signed(), Key, HashAlgorithmName.SHA256));

        Assert.Equal($"signature: the JWS algorithm must be RS256, RS384 or RS512, not {alg}", e.Rule);
    }

    [Fact]
    public void A_header_without_an_algorithm_is_refused() =>
        Assert.EndsWith("not missing", Refused(Sent(), Jws(new JObject { ["typ"] = "JWT" }, Signed(), Key, HashAlgorithmName.SHA256)).Rule, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "alg": { "name": "RS256" } }""")]
    [InlineData("""{ "alg": ["RS256"] }""")]
    [InlineData("""{ "alg": 256 }""")]
    public void An_algorithm_that_is_not_a_string_is_refused(string header) =>
        Assert.Contains(
            "must be RS256, RS384 or RS512",
            Refused(Sent(), Jws(Fixture.Obj(header), Signed(), Key, HashAlgorithmName.SHA256)).Rule,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("not a jws")]
    [InlineData("header.payload")]
    [InlineData("a.b.c.d")]
    [InlineData("")]
    public void Something_that_is_not_a_compact_JWS_is_refused(string text)
    {
        var e = Refused(Sent(), Encoding.ASCII.GetBytes(text), "[4]");

        Assert.Equal("[4]", e.Path);
        Assert.Equal("signature: is not a JWS in compact serialisation (header.payload.signature)", e.Rule);
    }

    [Fact]
    public void Parts_that_are_not_base64url_are_refused() =>
        Assert.Equal(
            "signature: the JWS is not base64url encoded",
            Refused(Sent(), Encoding.ASCII.GetBytes("%%%.***.!!!")).Rule);

    [Fact]
    public void A_header_that_is_not_JSON_is_refused() =>
        Assert.StartsWith(
            "signature: the JWS does not hold valid JSON",
            Refused(Sent(), Encoding.ASCII.GetBytes(Base64Url("{alg") + "." + Base64Url(Signed()) + ".AAAA")).Rule,
            StringComparison.Ordinal);

    [Fact]
    public void A_header_that_is_not_an_object_is_refused() =>
        Assert.Equal(
            "signature: the JWS header is not a JSON object",
            Refused(Sent(), Encoding.ASCII.GetBytes(Base64Url("[\"RS256\"]") + "." + Base64Url(Signed()) + ".AAAA")).Rule);

    [Fact]
    public void A_payload_that_is_not_an_object_is_refused() =>
        Assert.Equal(
            "signature: the JWS payload is not a JSON object",
            Refused(Sent(), Jws(new JObject { ["alg"] = "RS256" }, "\"a statement\"", Key, HashAlgorithmName.SHA256)).Rule);

    [Fact]
    public void A_payload_with_duplicate_properties_is_refused() =>
        Assert.Contains(
            "duplicate property",
            Refused(Sent(), Jws(new JObject { ["alg"] = "RS256" }, """{"id":"a","id":"b"}""", Key, HashAlgorithmName.SHA256)).Rule,
            StringComparison.Ordinal);

    [Fact]
    public void A_certificate_that_is_not_base64_is_refused()
    {
        var header = new JObject { ["alg"] = "RS256", ["x5c"] = new JArray("not base64 at all!") };

        Assert.Equal("signature: the JWS x5c certificate is not base64", Refused(Sent(), Jws(header, Signed(), Key, HashAlgorithmName.SHA256)).Rule);
    }

    [Fact]
    public void A_certificate_that_cannot_be_read_is_refused()
    {
        var header = new JObject { ["alg"] = "RS256", ["x5c"] = new JArray(Convert.ToBase64String([1, 2, 3, 4])) };

        Assert.Equal("signature: the JWS x5c certificate cannot be read", Refused(Sent(), Jws(header, Signed(), Key, HashAlgorithmName.SHA256)).Rule);
    }

    [Theory]
    [InlineData("""[{ "cert": "x" }]""")]
    [InlineData("""[["x"]]""")]
    [InlineData("""[42]""")]
    public void A_certificate_entry_that_is_not_a_string_is_refused(string x5c)
    {
        var header = new JObject { ["alg"] = "RS256", ["x5c"] = Fixture.Token(x5c) };

        Assert.StartsWith("signature: the JWS x5c certificate", Refused(Sent(), Jws(header, Signed(), Key, HashAlgorithmName.SHA256)).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_with_an_elliptic_curve_key_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCertificate = new CertificateRequest("CN=ec signer", ec, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var header = new JObject { ["alg"] = "RS256", ["x5c"] = new JArray(Convert.ToBase64String(ecCertificate.RawData)) };

        Assert.Equal("signature: the JWS certificate holds no RSA key", Refused(Sent(), Jws(header, Signed(), Key, HashAlgorithmName.SHA256)).Rule);
    }

    [Fact]
    public void Surrounding_whitespace_of_the_JWS_is_ignored()
    {
        var jws = Encoding.ASCII.GetBytes("\r\n" + Encoding.ASCII.GetString(Jws(HeaderWithCertificate("RS256"), Signed(), Key, HashAlgorithmName.SHA256)) + "\r\n");

        Verifies(Sent(), jws);
    }

    [Fact]
    public void Verifying_leaves_the_statement_unchanged()
    {
        var s = Sent();
        var before = s.ToString();

        Signatures.Verify(s, Jws(HeaderWithCertificate("RS256"), Signed(x => x.Remove("id")), Key, HashAlgorithmName.SHA256), "");

        Assert.Equal(before, s.ToString());
    }

    [Fact]
    public void A_signature_attachment_is_known_by_its_usage_type()
    {
        Assert.True(Signatures.IsSignature(Fixture.Obj("""{ "usageType": "http://adlnet.gov/expapi/attachments/signature" }""")));
        Assert.False(Signatures.IsSignature(Fixture.Obj("""{ "usageType": "https://adlnet.gov/expapi/attachments/signature" }""")));
        Assert.False(Signatures.IsSignature(Fixture.Obj("""{ "contentType": "application/octet-stream" }""")));
    }
}
