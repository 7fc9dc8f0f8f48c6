using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests.Validation;

public partial class StatementValidatorTests
{
    private static JObject WithScore(string scoreJson) =>
        Simple("", "result", new JObject { ["score"] = Fixture.Obj(scoreJson) });

    [Fact]
    public void A_result_must_be_an_object() =>
        AssertRejected(Simple("", "result", "passed"), "result", "must be an object");

    [Fact]
    public void An_unknown_result_property_is_rejected() =>
        AssertRejected(Simple("", "result", new JObject { ["grade"] = "A" }), "result.grade", "not an allowed property");

    [Theory]
    [InlineData("""{ "scaled": -1 }""")]
    [InlineData("""{ "scaled": 1 }""")]
    [InlineData("""{ "scaled": 0.0 }""")]
    [InlineData("""{ "raw": 5, "min": 5, "max": 6 }""")]
    [InlineData("""{ "raw": 6, "min": 5, "max": 6 }""")]
    [InlineData("""{ "raw": -3.5, "min": -10 }""")]
    [InlineData("""{ "raw": 1e3, "max": 1000 }""")]
    [InlineData("""{ "raw": 12345 }""")]
    [InlineData("""{ "raw": 0, "min": 0, "max": 0 }""")]
    [InlineData("""{ }""")]
    public void Scores_within_their_ranges_are_valid(string score) => Accepts(WithScore(score));

    [Theory]
    [InlineData("""{ "scaled": -1.01 }""", "result.score.scaled", "between -1 and 1")]
    [InlineData("""{ "scaled": 1.5 }""", "result.score.scaled", "between -1 and 1")]
    [InlineData("""{ "min": 10, "max": 9 }""", "result.score.max", "not be less than min")]
    [InlineData("""{ "raw": 4, "min": 5 }""", "result.score.raw", "less than min")]
    [InlineData("""{ "raw": 11, "max": 10 }""", "result.score.raw", "greater than max")]
    [InlineData("""{ "raw": 11, "min": 0, "max": 10 }""", "result.score.raw", "greater than max")]
    [InlineData("""{ "raw": "5" }""", "result.score.raw", "must be a number")]
    [InlineData("""{ "scaled": true }""", "result.score.scaled", "must be a number")]
    [InlineData("""{ "min": [0] }""", "result.score.min", "must be a number")]
    [InlineData("""{ "percent": 50 }""", "result.score.percent", "not an allowed property")]
    public void Scores_out_of_range_or_of_the_wrong_type_are_rejected(string score, string path, string rule) =>
        AssertRejected(WithScore(score), path, rule);

    [Fact]
    public void A_score_must_be_an_object() =>
        AssertRejected(Simple("", "result", new JObject { ["score"] = 5 }), "result.score", "must be an object");

    [Fact]
    public void A_raw_score_too_large_for_a_long_is_compared_not_thrown_on() =>
        AssertRejected(WithScore("""{ "raw": 123456789012345678901234567890, "max": 100 }"""), "result.score.raw", "greater than max");

    [Theory]
    [InlineData("success", "\"true\"", "must be a boolean")]
    [InlineData("completion", "1", "must be a boolean")]
    [InlineData("response", "42", "must be a string")]
    [InlineData("duration", "\"PT1H30\"", "ISO 8601 duration")]
    [InlineData("duration", "\"PA1H0M0S\"", "ISO 8601 duration")]
    [InlineData("duration", "\"P4W1D\"", "ISO 8601 duration")]
    [InlineData("duration", "3600", "must be a string")]
    public void Result_properties_of_the_wrong_type_or_format_are_rejected(string name, string json, string rule) =>
        AssertRejected(Simple("", "result", new JObject { [name] = Fixture.Token(json) }), "result." + name, rule);

    [Fact]
    public void Result_extension_keys_must_be_IRIs() =>
        AssertRejected(
            Simple("", "result", new JObject { ["extensions"] = new JObject { ["attempt"] = 1 } }),
            "result.extensions.attempt",
            "extension key must be an absolute IRI");

    [Fact]
    public void A_sub_statement_result_is_validated_with_its_path() =>
        AssertRejected(With("substatement", "object.result", "duration", "two hours"), "object.result.duration", "ISO 8601 duration");
}
