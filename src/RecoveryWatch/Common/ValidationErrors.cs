namespace RecoveryWatch.Common;

/// <summary>One rule broken by a request: the field it concerns (a JSON path such as <c>measures[2].amount</c>),
/// a message code looked up in the resources of the six languages, and the values the message quotes.</summary>
public sealed record ValidationError(string Field, string Code, params object[] Arguments);

/// <summary>A message argument that is itself a resource key, translated along with the message that quotes it
/// (e.g. why a document symbol is not valid), so no English reason ends up inside a French message.</summary>
public sealed record MessageKey(string Key);

/// <summary>Thrown by a handler when a request breaks one or more rules; nothing has been stored.</summary>
public class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyList<ValidationError> errors)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")))
    {
        Errors = errors;
    }

    public ValidationFailedException()
        : this([])
    {
    }

    protected ValidationFailedException(IReadOnlyList<ValidationError> errors, Exception? innerException)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")), innerException)
    {
        Errors = errors;
    }

    public ValidationFailedException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ValidationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}

/// <summary>
/// Thrown when a request lost a race: another request changed the same record first (a concurrency token or a conditional
/// update found it changed), or a unique index refused a second copy. Nothing of the losing request is stored. The API
/// answers 409; pages show the message like any other refusal, which is why this is a kind of validation failure.
/// </summary>
public sealed class ConflictException : ValidationFailedException
{
    public ConflictException(string field, string code, params object[] arguments)
        : base([new ValidationError(field, code, arguments)])
    {
    }

    public ConflictException()
        : this("record", "ConcurrentChange")
    {
    }

    /// <summary>Several reasons at once, each under its field (an edit of a round refused for two of its States).</summary>
    public ConflictException(IReadOnlyList<ValidationError> errors)
        : base(errors)
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConflictException(string field, string code, Exception innerException)
        : base([new ValidationError(field, code)], innerException)
    {
    }

    /// <summary>Another request changed the record between this request's read and its write.</summary>
    public static ConflictException ConcurrentChange(string field = "record") => new(field, "ConcurrentChange");
}

/// <summary>Collects errors while a request is checked, so every error is reported at once.</summary>
public sealed class ValidationCollector
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string code, params object[] arguments) => _errors.Add(new ValidationError(field, code, arguments));

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new ValidationFailedException(_errors);
        }
    }
}

/// <summary>Thrown when the requested record does not exist or the reader may not see it (the two are not distinguished,
/// so that a restricted case's existence is not revealed).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown when a user acts for a State it does not act for: a focal point editing another State's data (403).</summary>
public sealed class NotYourStateException : Exception
{
    public NotYourStateException()
    {
    }

    public NotYourStateException(string message)
        : base(message)
    {
    }

    public NotYourStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
