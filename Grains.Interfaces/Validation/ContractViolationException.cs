namespace Recsys.Grains.Interfaces.Validation;

/// <summary>A grain refused a request that breaks the contract; <see cref="Errors"/> lists every invalid
/// field. Nothing of the refused request was stored. It crosses the wire with its errors, so the HTTP
/// gateway answers 400 and the .NET client throws its validation error from it.</summary>
[GenerateSerializer]
[Alias("recsys.ContractViolationException")]
public sealed class ContractViolationException : Exception
{
    private const int ErrorsInMessage = 5;

    public ContractViolationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors)) => Errors = [.. errors];

    /// <summary>For the serializer, which sets <see cref="Errors"/> and the message itself.</summary>
    public ContractViolationException()
        : this([])
    {
    }

    [Id(0)]
    public FieldError[] Errors { get; private set; }

    /// <summary>Throws when <paramref name="errors"/> holds any.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ContractViolationException(errors);
        }
    }

    private static string Describe(IReadOnlyList<FieldError> errors)
    {
        var listed = string.Join("; ", errors.Take(ErrorsInMessage).Select(e => $"{e.Field} {e.Message}"));
        return errors.Count > ErrorsInMessage ? $"Invalid request: {listed}; and {errors.Count - ErrorsInMessage} more."
            : errors.Count > 0 ? $"Invalid request: {listed}"
            : "Invalid request.";
    }
}
