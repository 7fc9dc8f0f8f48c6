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

        // The object checks stay outside the try: their ValidationException would be caught and reported as invalid JSON.
        JToken headerToken;
        JToken payloadToken;
        byte[] signature;
        try
        {
            headerToken = XapiJson.Parse(Base64Url(parts[0]));
            payloadToken = XapiJson.Parse(Base64Url(parts[1]));
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

        var header = headerToken as JObject ?? throw Invalid(path, "the JWS header is not a JSON object");
        var payload = payloadToken as JObject ?? throw Invalid(path, "the JWS payload is not a JSON object");

        // Only a string names an algorithm; casting an object or array to string would throw.
        var alg = header["alg"] is JValue { Type: JTokenType.String } algValue ? (string?)algValue : null;
        var hash = alg switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => throw Invalid(path, $"the JWS algorithm must be RS256, RS384 or RS512, not {alg ?? header["alg"]?.Type.ToString() ?? "missing"}"),
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

        // The comparison ignores ids (an LRS may assign them), but an id in the payload must be this statement's.
        if (payload["id"] is { } signedId && !SameId(signedId, original["id"]))
        {
            throw Invalid(path, "the JWS payload was signed for another statement id");
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
            // A non-string entry would throw on the cast: it is no base64 certificate.
            var encoded = chain[0] is JValue { Type: JTokenType.String } entry ? (string)entry! : throw new FormatException();
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded));
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

    private static bool SameId(JToken signed, JToken? statement) =>
        Guid.TryParse((string?)(signed as JValue), out var a) && Guid.TryParse((string?)(statement as JValue), out var b) && a == b;

    private static byte[] Base64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        return Convert.FromBase64String(b);
    }
}
