namespace Lrs.Xapi.Statements;

/// <summary>The format parameter of GET statements.</summary>
public enum StatementFormat
{
    Exact,
    Ids,
    Canonical,
}
