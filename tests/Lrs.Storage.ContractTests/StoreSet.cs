using Lrs.Xapi.Storage;

namespace Lrs.Storage.ContractTests;

/// <summary>
/// The three stores of one backend. Contract tests each work in a store id of their own, so a backend can share
/// one database across the whole run without tests seeing each other's data.
/// </summary>
public sealed record StoreSet(IStatementStore Statements, IDocumentStore Documents, ICredentialStore Credentials);
