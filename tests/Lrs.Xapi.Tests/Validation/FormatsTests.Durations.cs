using Lrs.Xapi.Validation;

namespace Lrs.Xapi.Tests.Validation;

public partial class FormatsTests
{
    [Theory]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1D")]
    [InlineData("PT1H")]
    [InlineData("PT1M")]
    [InlineData("PT1S")]
    [InlineData("PT0S")]
    [InlineData("P4W")]
    [InlineData("P0.5W")]
    [InlineData("P1Y2M3DT4H5M6S")]
    [InlineData("P1Y2M3DT4H5M6.789S")]
    [InlineData("PT1H0M0.1S")]
    [InlineData("P1DT12H36M0.12567S")]
    [InlineData("PT1,5S")]
    [InlineData("P1Y2.5M")]
    [InlineData("PT1H30.5M")]
    [InlineData("P3DT12H")]
    [InlineData("P10000Y")]
    public void ISO_8601_durations_are_accepted(string value) => Assert.True(Formats.IsDuration(value));

    [Theory]
    [InlineData("P4W1D", "weeks stand alone")]
    [InlineData("P1Y4W", "weeks stand alone")]
    [InlineData("P4WT1H", "weeks stand alone")]
    [InlineData("P1.5Y2M", "only the last component may carry a fraction")]
    [InlineData("PT1.5H30M", "only the last component may carry a fraction")]
    [InlineData("P1.5DT1H", "only the last component may carry a fraction")]
    [InlineData("P", "at least one component")]
    [InlineData("PT", "at least one time component after T")]
    [InlineData("P1DT", "at least one time component after T")]
    [InlineData("PA1H0M0S", "a component is digits then a unit")]
    [InlineData("PT1H0M0S0", "a component is digits then a unit")]
    [InlineData("P1H", "hours belong after T")]
    [InlineData("PT1D", "days belong before T")]
    [InlineData("PT1Y", "years belong before T")]
    [InlineData("P1D2Y", "components come in order")]
    [InlineData("PT1S1M", "components come in order")]
    [InlineData("P1D1D", "a unit appears once")]
    [InlineData("PTT1H", "one T")]
    [InlineData("PT1HT1M", "one T")]
    [InlineData("P-1D", "no sign")]
    [InlineData("PT1.S", "a fraction has digits")]
    [InlineData("PY", "a component has digits")]
    [InlineData("1D", "starts with P")]
    [InlineData("p1d", "upper case designators")]
    [InlineData("P1d", "upper case designators")]
    [InlineData("PT36H ", "nothing after the last unit")]
    [InlineData("P0001-02-03T04:05:06", "the alternative format is not allowed")]
    [InlineData("", "empty")]
    public void Strings_that_are_not_ISO_8601_durations_are_refused(string value, string why) =>
        Assert.False(Formats.IsDuration(value), why);

    [Fact]
    public void Null_is_not_a_duration() => Assert.False(Formats.IsDuration(null));

    [Theory]
    [InlineData("PT1.239S", "PT1.23S")]
    [InlineData("P1DT12H36M0.12567S", "P1DT12H36M0.12S")]
    [InlineData("PT1,2399S", "PT1,23S")]
    [InlineData("PT0.999999S", "PT0.99S")]
    public void Seconds_are_truncated_to_hundredths_for_comparison(string value, string expected) =>
        Assert.Equal(expected, Formats.DurationForComparison(value));

    [Theory]
    [InlineData("PT1.23S")]
    [InlineData("PT1.2S")]
    [InlineData("PT1S")]
    [InlineData("PT1H")]
    [InlineData("P4W")]
    [InlineData("PT1.2345M")]
    [InlineData("P1Y2.345M")]
    public void Durations_without_seconds_finer_than_hundredths_are_compared_as_written(string value) =>
        Assert.Equal(value, Formats.DurationForComparison(value));
}
