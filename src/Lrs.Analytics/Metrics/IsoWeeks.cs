using System.Globalization;

namespace Lrs.Analytics.Metrics;

/// <summary>ISO 8601 weeks: they start on Monday 00:00 UTC and belong to the year that holds their Thursday.</summary>
public static class IsoWeeks
{
    public static DateTime StartOf(DateTime utc)
    {
        var day = utc.Date;
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(day.AddDays(-sinceMonday), DateTimeKind.Utc);
    }

    /// <summary>Written like 2026-W07.</summary>
    public static string Label(DateTime utc) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(utc):D4}-W{ISOWeek.GetWeekOfYear(utc):D2}");
}
