using System.Text;
using Lrs.Xapi.Statements;

namespace Lrs.Xapi.Tests.Statements;

public class StatementStampTests
{
    private static readonly DateTimeOffset Stored = new(2024, 3, 15, 8, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Stored_is_spliced_in_as_the_first_property()
    {
        var json = StatementStamp.Apply("""{"id":"x","timestamp":"2024-01-01T00:00:00Z"}""", Stored, setTimestamp: false);

        Assert.Equal("""{"stored":"2024-03-15T08:30:00.123Z","id":"x","timestamp":"2024-01-01T00:00:00Z"}""", json);
    }

    [Fact]
    public void A_missing_timestamp_is_set_to_the_stored_instant()
    {
        var json = StatementStamp.Apply("""{"id":"x"}""", Stored, setTimestamp: true);

        Assert.Equal("""{"stored":"2024-03-15T08:30:00.123Z","timestamp":"2024-03-15T08:30:00.123Z","id":"x"}""", json);
    }

    [Fact]
    public void The_stamp_is_written_in_UTC()
    {
        var json = StatementStamp.Apply("""{"id":"x"}""", new DateTimeOffset(2024, 3, 15, 10, 30, 0, 123, TimeSpan.FromHours(2)), setTimestamp: false);

        Assert.Equal("""{"stored":"2024-03-15T08:30:00.123Z","id":"x"}""", json);
    }

    [Fact]
    public void The_stamped_text_is_still_one_JSON_object()
    {
        var json = StatementStamp.Apply("""{"a":{"b":[1,2]}}""", Stored, setTimestamp: true);

        var o = Fixture.Obj(json);
        Assert.Equal(["stored", "timestamp", "a"], o.Properties().Select(p => p.Name));
    }

    [Fact]
    public void Truncating_drops_everything_below_a_millisecond_and_moves_to_UTC()
    {
        var precise = new DateTimeOffset(2024, 3, 15, 10, 30, 0, 123, TimeSpan.FromHours(2)).AddTicks(9_999);

        var truncated = StatementStamp.Truncate(precise);

        Assert.Equal(new DateTimeOffset(2024, 3, 15, 8, 30, 0, 123, TimeSpan.Zero), truncated);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
    }

    [Fact]
    public void A_whole_millisecond_is_left_as_it_is() => Assert.Equal(Stored, StatementStamp.Truncate(Stored));

    [Theory]
    [InlineData("""{"id":"x","timestamp":"2024-01-01T00:00:00Z"}""", false)]
    [InlineData("""{"id":"x"}""", true)]
    [InlineData("""{"id":"x","actor":{"name":"Zoë Ñandú 日本 🎓"},"verb":{"display":{"de-DE":"beendet"}}}""", true)]
    [InlineData("""{"a":{"b":[1,2]},"s":"\\u00e9\\n"}""", false)]
    public void The_UTF8_stamp_is_the_same_bytes_as_the_stamped_text_encoded(string prepared, bool setTimestamp)
    {
        var text = StatementStamp.Apply(prepared, Stored, setTimestamp);

        var bytes = StatementStamp.ApplyUtf8(Encoding.UTF8.GetBytes(prepared), Stored, setTimestamp);

        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);
    }
}
