using Lrs.Xapi.Errors;

namespace Lrs.Xapi.Tests.Errors;

public class XapiExceptionTests
{
    [Fact]
    public void A_validation_error_message_leads_with_its_path()
    {
        var e = new ValidationException("[2].verb.id", "must be an absolute IRI");

        Assert.Equal("[2].verb.id: must be an absolute IRI", e.Message);
        Assert.Equal("[2].verb.id", e.Path);
        Assert.Equal("must be an absolute IRI", e.Rule);
    }

    [Fact]
    public void A_validation_error_without_a_path_is_just_the_rule() =>
        Assert.Equal("the batch is empty", new ValidationException("", "the batch is empty").Message);

    [Fact]
    public void A_bad_request_may_name_its_parameter()
    {
        Assert.Equal("limit", new BadRequestException("limit must be a non-negative integer", "limit").Parameter);
        Assert.Null(new BadRequestException("multipart framing is broken").Parameter);
    }

    public static TheoryData<XapiException, int, string> Mapping => new()
    {
        { new ValidationException("id", "x"), 400, "invalid" },
        { new BadRequestException("x"), 400, "bad-request" },
        { new ConflictException("x"), 409, "conflict" },
        { new PreconditionFailedException("x"), 412, "precondition-failed" },
        { new NotFoundException("x"), 404, "not-found" },
        { new ForbiddenException("x"), 403, "forbidden" },
        { new PayloadTooLargeException("x"), 413, "too-large" },
    };

    [Theory]
    [MemberData(nameof(Mapping))]
    public void Each_failure_carries_its_status_code_and_a_stable_name(XapiException e, int status, string code)
    {
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.Code);
    }
}
