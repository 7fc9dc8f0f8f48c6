using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Lrs.Server.Tests.Xapi;

/// <summary>
/// Signed statements (Data 2.6): a JWS over the statement, sent as a signature attachment. The key and its
/// certificate are made here, so the LRS can check the signature against the x5c header.
/// </summary>
public sealed class SignedStatementTests(TestLrs lrs) : IClassFixture<TestLrs>, IDisposable
{
    private const string SignatureUsage = "http://adlnet.gov/expapi/attachments/signature";

    private readonly HttpClient _client = lrs.Client();
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64Url(JToken json) => Base64Url(Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None)));

    private string Certificate()
    {
        var request = new CertificateRequest("CN=xAPI statement signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    }

    /// <summary>A compact JWS over the payload, RS256 with the certificate in x5c.</summary>
    private string SignRs256(JObject payload)
    {
        var signingInput = Base64Url(new JObject { ["alg"] = "RS256", ["x5c"] = new JArray(Certificate()) }) + "." + Base64Url(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The statement with its signature attachment declared, and the part that carries the JWS.</summary>
    private static (JObject Statement, AttachmentPart Part) Attach(JObject statement, string jws)
    {
        var part = new AttachmentPart(Encoding.ASCII.GetBytes(jws), "application/octet-stream");
        var signed = (JObject)statement.DeepClone();
        signed["attachments"] = new JArray(Attachments.Describe(part, SignatureUsage));
        return (signed, part);
    }

    private Task<HttpResponseMessage> PostAsync(JObject statement, AttachmentPart part) =>
        _client.PostAsync("/xapi/statements", Attachments.Request(statement, part), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_statement_signed_with_RS256_over_itself_is_accepted_and_its_signature_kept()
    {
        var statement = Statements.WithId(out var id);
        var (signed, part) = Attach(statement, SignRs256(statement));

        using var response = await PostAsync(signed, part);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var read = await _client.GetResponseAsync($"/xapi/statements?statementId={id}&attachments=true");
        var (_, parts) = await Attachments.ReadAsync(read);
        Assert.Equal(part.Content, parts[part.Hash]);
    }

    [Fact]
    public async Task A_signature_whose_payload_is_another_statement_gets_400_and_stores_nothing()
    {
        var statement = Statements.WithId(out var id);
        var other = (JObject)statement.DeepClone();
        other["verb"]!["id"] = Statements.Completed;
        var (signed, part) = Attach(statement, SignRs256(other));

        using var response = await PostAsync(signed, part);

        var error = await XapiError.InvalidAsync(response, "attachments[0]");
        Assert.Contains("not the statement", error.Rule, StringComparison.Ordinal);
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_signature_whose_payload_was_changed_after_signing_gets_400()
    {
        var statement = Statements.WithId(out var id);
        var jws = SignRs256(statement).Split('.');
        // Change statement and payload alike: only the cryptographic check can tell.
        var tampered = (JObject)statement.DeepClone();
        tampered["verb"]!["id"] = Statements.Completed;
        var (signed, part) = Attach(tampered, jws[0] + "." + Base64Url(tampered) + "." + jws[2]);

        using var response = await PostAsync(signed, part);

        var error = await XapiError.InvalidAsync(response, "attachments[0]");
        Assert.Contains("does not verify", error.Rule, StringComparison.Ordinal);
        using var get = await _client.GetResponseAsync($"/xapi/statements?statementId={id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_signature_with_algorithm_HS256_gets_400()
    {
        var statement = Statements.WithId(out _);
        var signingInput = Base64Url(new JObject { ["alg"] = "HS256" }) + "." + Base64Url(statement);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("shared secret"), Encoding.ASCII.GetBytes(signingInput));
        var (signed, part) = Attach(statement, signingInput + "." + Base64Url(mac));

        using var response = await PostAsync(signed, part);

        var error = await XapiError.InvalidAsync(response, "attachments[0]");
        Assert.Contains("HS256", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_attachment_that_is_not_a_JWS_gets_400()
    {
        var statement = Statements.WithId(out _);
        var (signed, part) = Attach(statement, "this is not a JWS");

        using var response = await PostAsync(signed, part);

        await XapiError.InvalidAsync(response, "attachments[0]");
    }
}
