using MongoDB.Bson;

namespace Lrs.Storage.Mongo;

/// <summary>
/// The few BSON conversions every collection uses. UUIDs are written as standard binary subtype 4 explicitly, so the
/// layout does not depend on the driver's global GUID settings; instants are BSON dates, which hold milliseconds,
/// the precision the LRS keeps.
/// </summary>
internal static class Bson
{
    public static BsonBinaryData Uuid(Guid id) => new(id, GuidRepresentation.Standard);

    public static Guid ToGuid(BsonValue value) => value.AsBsonBinaryData.ToGuid(GuidRepresentation.Standard);

    public static BsonDateTime Date(DateTimeOffset instant) => new(instant.ToUnixTimeMilliseconds());

    public static BsonDateTime Date(long unixMs) => new(unixMs);

    public static DateTimeOffset ToInstant(BsonValue value) => DateTimeOffset.FromUnixTimeMilliseconds(value.AsBsonDateTime.MillisecondsSinceEpoch);

    public static BsonArray Strings(IEnumerable<string> values) => new(values.Select(v => new BsonString(v)));

    /// <summary>The millisecond an instant falls in (floor, also before 1970), as stored instants are compared.</summary>
    public static long FloorMs(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out var rest) - (rest < 0 ? 1 : 0);
    }
}
