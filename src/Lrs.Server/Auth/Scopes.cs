namespace Lrs.Server.Auth;

/// <summary>The xAPI scopes a credential can hold (xAPI 1.0.3 Communication 4.2 / 2.0 4.2.2).</summary>
public static class Scopes
{
    public const string StatementsWrite = "statements/write";
    public const string StatementsRead = "statements/read";
    public const string StatementsReadMine = "statements/read/mine";
    public const string AllRead = "all/read";
    public const string All = "all";
    public const string State = "state";
    public const string Define = "define";
    public const string Profile = "profile";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        StatementsWrite, StatementsRead, StatementsReadMine, AllRead, All, State, Define, Profile,
    };
}
