using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public partial class FormatsTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second, long ticks = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);

    public static TheoryData<string, DateTimeOffset> ValidTimestamps => new()
    {
        // Extended form with every offset notation.
        { "2024-01-31T13:45:00Z", Utc(2024, 1, 31, 13, 45, 0) },
        { "2024-01-31t13:45:00z", Utc(2024, 1, 31, 13, 45, 0) },
        { "2024-01-31T13:45:00.123Z", Utc(2024, 1, 31, 13, 45, 0, 1_230_000) },
        { "2024-01-31T13:45:00,5Z", Utc(2024, 1, 31, 13, 45, 0, 5_000_000) },
        { "2024-01-31T13:45:00+01:00", Utc(2024, 1, 31, 12, 45, 0) },
        { "2024-01-31T13:45:00+0130", Utc(2024, 1, 31, 12, 15, 0) },
        { "2024-01-31T13:45:00+05", Utc(2024, 1, 31, 8, 45, 0) },
        { "2024-01-31T13:45:00-05:00", Utc(2024, 1, 31, 18, 45, 0) },
        { "2024-01-31T13:45:00-0930", Utc(2024, 1, 31, 23, 15, 0) },
        { "2024-01-31T23:45:00-03", Utc(2024, 2, 1, 2, 45, 0) },
        { "2024-01-31T13:45:00+00:00", Utc(2024, 1, 31, 13, 45, 0) },
        { "2024-01-31T13:45:00+0000", Utc(2024, 1, 31, 13, 45, 0) },
        { "2024-01-31T13:45:00+00", Utc(2024, 1, 31, 13, 45, 0) },
        // Offsets beyond ±14:00 are unusual but ISO 8601 allows them up to ±23:59.
        { "2024-01-31T13:45:00+23:59", Utc(2024, 1, 30, 13, 46, 0) },
        { "2024-01-31T13:45:00-23:59", Utc(2024, 2, 1, 13, 44, 0) },
        { "2024-01-31T13:45:00+15", Utc(2024, 1, 30, 22, 45, 0) },
        // No offset is read as UTC; seconds may be left out.
        { "2024-01-31T13:45:00", Utc(2024, 1, 31, 13, 45, 0) },
        { "2024-01-31T13:45Z", Utc(2024, 1, 31, 13, 45, 0) },
        // Basic form.
        { "20240131T134500Z", Utc(2024, 1, 31, 13, 45, 0) },
        { "20240131T134500.25+0100", Utc(2024, 1, 31, 12, 45, 0, 2_500_000) },
        { "20240131T1345-02", Utc(2024, 1, 31, 15, 45, 0) },
        // Fractions: seven digits are ticks, further digits are read and dropped.
        { "2024-01-31T13:45:00.1234567Z", Utc(2024, 1, 31, 13, 45, 0, 1_234_567) },
        { "2024-01-31T13:45:00.123456789123Z", Utc(2024, 1, 31, 13, 45, 0, 1_234_567) },
        // 24:00 is midnight at the end of the day, also across a month and a year.
        { "2024-01-31T24:00:00Z", Utc(2024, 2, 1, 0, 0, 0) },
        { "2023-12-31T24:00Z", Utc(2024, 1, 1, 0, 0, 0) },
        // A leap second is read as the last second of its minute.
        { "2016-12-31T23:59:60Z", Utc(2016, 12, 31, 23, 59, 59) },
        // Leap day.
        { "2024-02-29T00:00:00Z", Utc(2024, 2, 29, 0, 0, 0) },
        { "2000-02-29T00:00:00Z", Utc(2000, 2, 29, 0, 0, 0) },
        { "0001-01-01T00:00:00Z", Utc(1, 1, 1, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(ValidTimestamps))]
    public void ISO_8601_timestamps_are_read_as_the_instant_they_name(string value, DateTimeOffset expected)
    {
        Assert.True(Formats.TryParseTimestamp(value, out var instant));
        Assert.Equal(expected, instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("2024-01-31T13:45:00-00")]
    [InlineData("2024-01-31T13:45:00-0000")]
    [InlineData("2024-01-31T13:45:00-00:00")]
    [InlineData("20240131T134500-0000")]
    public void A_negative_zero_offset_means_unknown_and_is_refused(string value) =>
        Assert.False(Formats.TryParseTimestamp(value, out _));

    [Theory]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("1900-02-29T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-00-10T00:00:00Z")]
    [InlineData("2024-01-00T00:00:00Z")]
    [InlineData("2024-01-31T25:00:00Z")]
    [InlineData("2024-01-31T24:00:01Z")]
    [InlineData("2024-01-31T24:01:00Z")]
    [InlineData("2024-01-31T24:00:00.5Z")]
    [InlineData("2024-01-31T13:60:00Z")]
    [InlineData("2024-01-31T13:45:61Z")]
    [InlineData("2024-01-31T13:45:00+24:00")]
    [InlineData("2024-01-31T13:45:00+01:60")]
    public void Dates_and_times_that_do_not_exist_are_refused(string value) =>
        Assert.False(Formats.TryParseTimestamp(value, out _));

    [Theory]
    [InlineData("")]
    [InlineData("2024-01-31")]
    [InlineData("2024-01-31T")]
    [InlineData("2024-01-31T13")]
    [InlineData("2024-01-31T13:4")]
    [InlineData("2024-01-31T13:45:0")]
    [InlineData("2024-01-31T13:45:00.Z")]
    [InlineData("2024-01-31T13:45:00.")]
    [InlineData("2024-01-31 T13:45:00Z")]
    [InlineData("2024-01-31X13:45:00Z")]
    [InlineData("2024-1-31T13:45:00Z")]
    [InlineData("24-01-31T13:45:00Z")]
    [InlineData("+2024-01-31T13:45:00Z")]
    [InlineData("2024-01-31T13:45:00ZZ")]
    [InlineData("2024-01-31T13:45:00Z ")]
    [InlineData("2024-01-31T13:45:00 Z")]
    [InlineData("2024-01-31T13:45:00+1")]
    [InlineData("2024-01-31T13:45:00+01:")]
    [InlineData("2024-01-31T13:45:00+01:0")]
    [InlineData("2024-01-31T13:45:00+01:00:00")]
    [InlineData("2024-01-31T13:45:00UTC")]
    [InlineData("2024-01-31T13:45:00GMT+1")]
    [InlineData("2024-0131T13:45:00Z")]
    [InlineData("20240131T13:45:00Z")]
    [InlineData("2024-01-31T1345Z")]
    [InlineData("20240131T134500+01:00")]
    [InlineData("2024-01-31T13:45.5Z")]
    [InlineData("Wed, 31 Jan 2024 13:45:00 GMT")]
    [InlineData("1706708700")]
    public void Strings_that_are_not_ISO_8601_timestamps_are_refused(string value) =>
        Assert.False(Formats.TryParseTimestamp(value, out _));

    [Fact]
    public void Null_is_not_a_timestamp() => Assert.False(Formats.TryParseTimestamp(null, out _));

    [Fact]
    public void The_year_zero_is_refused_rather_than_thrown_on() =>
        Assert.False(Formats.TryParseTimestamp("0000-01-01T00:00:00Z", out _));

    [Theory]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T24:00:00Z")]
    public void Instants_outside_the_representable_range_are_refused(string value) =>
        Assert.False(Formats.TryParseTimestamp(value, out _));

    [Fact]
    public void A_space_between_date_and_time_is_RFC_3339_and_accepted_only_when_allowed()
    {
        const string value = "2024-01-31 13:45:00+01:00";

        Assert.True(Formats.TryParseTimestamp(value, allowSpace: true, out var instant));
        Assert.Equal(Utc(2024, 1, 31, 12, 45, 0), instant);
        Assert.False(Formats.TryParseTimestamp(value, allowSpace: false, out _));
    }

    [Fact]
    public void The_two_argument_form_allows_the_space_separator() =>
        Assert.True(Formats.TryParseTimestamp("2024-01-31 13:45:00Z", out _));

    [Fact]
    public void Timestamps_are_written_in_UTC_with_milliseconds()
    {
        var instant = new DateTimeOffset(2024, 3, 15, 10, 30, 0, 123, TimeSpan.FromHours(2));

        Assert.Equal("2024-03-15T08:30:00.123Z", Formats.FormatTimestamp(instant));
    }

    [Fact]
    public void Whole_seconds_are_still_written_with_three_fraction_digits() =>
        Assert.Equal("2024-03-15T08:30:00.000Z", Formats.FormatTimestamp(Utc(2024, 3, 15, 8, 30, 0)));

    [Fact]
    public void Timestamps_finer_than_a_millisecond_keep_all_seven_digits() =>
        Assert.Equal("2024-03-15T08:30:00.1234567Z", Formats.FormatTimestamp(Utc(2024, 3, 15, 8, 30, 0, 1_234_567)));

    [Fact]
    public void A_written_timestamp_reads_back_as_the_same_instant()
    {
        var instant = Utc(2031, 7, 4, 23, 59, 59, 9_999_999);

        Assert.True(Formats.TryParseTimestamp(Formats.FormatTimestamp(instant), out var back));
        Assert.Equal(instant, back);
    }
}
