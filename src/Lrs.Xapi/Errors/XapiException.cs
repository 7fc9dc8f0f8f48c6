namespace Lrs.Xapi.Errors;

/// <summary>
/// A request the LRS refuses, with the HTTP status the spec asks for. The server maps every subtype to its response in
/// one place; anything that is not an <see cref="XapiException"/> is our bug and becomes a 500.
/// </summary>
public abstract class XapiException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }

    /// <summary>A short stable name for the failure, for clients that branch on it.</summary>
    public abstract string Code { get; }
}

/// <summary>A field of the request breaks a rule of the spec. Path is a JSON path ("actor.mbox", "[2].verb.id").</summary>
public sealed class ValidationException(string path, string rule)
    : XapiException(path.Length == 0 ? rule : $"{path}: {rule}")
{
    public string Path { get; } = path;

    public string Rule { get; } = rule;

    public override int StatusCode => 400;

    public override string Code => "invalid";
}

/// <summary>A malformed request that is not about one field: bad parameters, headers, multipart framing.</summary>
public sealed class BadRequestException(string message, string? parameter = null) : XapiException(message)
{
    public string? Parameter { get; } = parameter;

    public override int StatusCode => 400;

    public override string Code => "bad-request";
}

/// <summary>A statement id already holds a different statement, or a document changed under a write without preconditions.</summary>
public sealed class ConflictException(string message) : XapiException(message)
{
    public override int StatusCode => 409;

    public override string Code => "conflict";
}

/// <summary>An If-Match / If-None-Match precondition does not hold.</summary>
public sealed class PreconditionFailedException(string message) : XapiException(message)
{
    public override int StatusCode => 412;

    public override string Code => "precondition-failed";
}

public sealed class NotFoundException(string message) : XapiException(message)
{
    public override int StatusCode => 404;

    public override string Code => "not-found";
}

/// <summary>The credential is valid but lacks the scope (or the ownership) this request needs.</summary>
public sealed class ForbiddenException(string message) : XapiException(message)
{
    public override int StatusCode => 403;

    public override string Code => "forbidden";
}

public sealed class PayloadTooLargeException(string message) : XapiException(message)
{
    public override int StatusCode => 413;

    public override string Code => "too-large";
}
