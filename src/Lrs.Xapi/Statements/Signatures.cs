using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Statements;

/// <summary>
/// Signed statements: a JWS (compact serialisation) sent as an attachment whose payload is the statement as it was
/// before the signature was attached. The LRS rejects a signature that is not a JWS, uses an algorithm other than
/// RS256/384/512, carries a payload that is not the statement, or (when the header names an X.509 certificate)
/// does not verify.
/// </summary>
public static class Signatures
{
    public const string UsageType = "http://adlnet.gov/expapi/attachments/signature";

    public static bool IsSignature(JToken attachment) => (string?)attachment["usageType"] == UsageType;

    /// <summary>Checks one statement's signature. <paramref name="path"/> names the statement in errors.</summary>
    public static void Verify(JObject original, byte[] jws, string path)
    {
        var parts = Encoding.ASCII.GetString(jws).Trim().Split('.');
        if (parts.Length != 3)
        {
            throw Invalid(path, "is not a JWS in compact serialisation (header.payload.signature)");
        }

        JObject header;
        JObject payload;
        byte[] signature;
        try
        {
            header = XapiJson.Parse(Base64Url(parts[0])) as JObject ?? throw Invalid(path, "the JWS header is not a JSON object");
            payload = XapiJson.Parse(Base64Url(parts[1])) as JObject ?? throw Invalid(path, "the JWS payload is not a JSON object");
            signature = Base64Url(parts[2]);
        }
        catch (FormatException)
        {
            throw Invalid(path, "the JWS is not base64url encoded");
        }
        catch (ValidationException e)
        {
            throw Invalid(path, "the JWS does not hold valid JSON (" + e.Message + ")");
        }

        var hash = (string?)header["alg"] switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            var other => throw Invalid(path, $"the JWS algorithm must be RS256, RS384 or RS512, not {other ?? "missing"}"),
        };

        var statement = (JObject)original.DeepClone();
        statement.Remove("attachments");
        payload.Remove("attachments");
        // The signer may leave the id out of the payload when the LRS assigns it.
        if (payload["id"] is null)
        {
            statement.Remove("id");
        }

        if (!StatementComparer.AreEqual(statement, payload))
        {
            throw Invalid(path, "the JWS payload is not the statement that was signed");
        }

        if (header["x5c"] is JArray chain && chain.Count > 0)
        {
            VerifyWithCertificate(chain, hash, parts, signature, path);
        }
    }

    private static void VerifyWithCertificate(JArray chain, HashAlgorithmName hash, string[] parts, byte[] signature, string path)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)chain[0]!));
            using var rsa = certificate.GetRSAPublicKey() ?? throw Invalid(path, "the JWS certificate holds no RSA key");
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!rsa.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1))
            {
                throw Invalid(path, "the JWS signature does not verify against its x5c certificate");
            }
        }
        catch (CryptographicException)
        {
            throw Invalid(path, "the JWS x5c certificate cannot be read");
        }
        catch (FormatException)
        {
            throw Invalid(path, "the JWS x5c certificate is not base64");
        }
    }

    private static ValidationException Invalid(string path, string rule) => new(path, "signature: " + rule);

    private static byte[] Base64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        return Convert.FromBase64String(b);
    }
}
