using Lrs.Xapi.Storage;
using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>An account as a MongoDB document keyed by its folded email (<see cref="AccountKeys"/>); instants in milliseconds.</summary>
internal static class AccountMapping
{
    public static BsonDocument ToBson(Account a)
    {
        var doc = new BsonDocument
        {
            { "_id", AccountKeys.Of(a.Email) },
            { "email", a.Email },
            { "name", a.Name },
            { "role", a.Role },
            { "passwordHash", a.PasswordHash },
            { "agent", a.Agent is null ? BsonNull.Value : new BsonString(a.Agent) },
            { "agentKey", a.AgentKey is null ? BsonNull.Value : new BsonString(a.AgentKey) },
            { "store", a.StoreId },
            { "created", Bson.Date(a.Created) },
        };
        if (a.Disabled is { } disabled)
        {
            doc.Add("disabled", Bson.Date(disabled));
        }

        return doc;
    }

    public static Account ToAccount(BsonDocument doc) => new(
        doc["email"].AsString,
        doc["name"].AsString,
        doc["role"].AsString,
        doc["passwordHash"].AsString,
        StringOrNull(doc, "agent"),
        StringOrNull(doc, "agentKey"),
        doc["store"].AsString,
        Bson.ToInstant(doc["created"]),
        doc.TryGetValue("disabled", out var disabled) && !disabled.IsBsonNull ? Bson.ToInstant(disabled) : null);

    private static string? StringOrNull(BsonDocument doc, string field) =>
        doc.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;
}
