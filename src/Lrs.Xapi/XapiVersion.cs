namespace Lrs.Xapi;

/// <summary>
/// The two behaviours one endpoint serves. Every 1.0.x request gets 1.0.3 rules, every 2.0.x request 2.0.0 rules.
/// </summary>
public enum XapiVersion
{
    V103,
    V200,
}

public static class XapiVersions
{
    public const string Header = "X-Experience-API-Version";
    public const string Latest103 = "1.0.3";
    public const string Latest200 = "2.0.0";

    /// <summary>Versions named by the About resource, oldest first.</summary>
    public static readonly IReadOnlyList<string> Supported = [Latest103, Latest200];

    /// <summary>
    /// Reads a request's version header. "1.0" and any "1.0.x" mean 1.0.3 behaviour; "2.0" and any "2.0.x" mean 2.0.0.
    /// Anything else (0.9, 0.95, 1.1.0, garbage) is not served.
    /// </summary>
    public static bool TryParseHeader(string? value, out XapiVersion version)
    {
        version = XapiVersion.V200;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var v = value.Trim();
        if (v == "1.0" || IsPatchOf(v, "1.0."))
        {
            version = XapiVersion.V103;
            return true;
        }

        if (v == "2.0" || IsPatchOf(v, "2.0."))
        {
            version = XapiVersion.V200;
            return true;
        }

        return false;
    }

    public static string HeaderValue(this XapiVersion version) => version == XapiVersion.V103 ? Latest103 : Latest200;

    /// <summary>The statement "version" property an LRS fills in when a statement arrives without one.</summary>
    public static string DefaultStatementVersion(this XapiVersion version) => version == XapiVersion.V103 ? "1.0.0" : "2.0.0";

    /// <summary>True for "prefix" followed by one or more digits: "1.0.3", "2.0.12".</summary>
    internal static bool IsPatchOf(string value, string prefix)
    {
        if (!value.StartsWith(prefix, StringComparison.Ordinal) || value.Length == prefix.Length)
        {
            return false;
        }

        for (var i = prefix.Length; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
