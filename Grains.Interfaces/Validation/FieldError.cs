namespace Recsys.Grains.Interfaces.Validation;

/// <summary>One invalid field: its path in the request (e.g. "events[3].timestamp") and what is wrong.</summary>
[GenerateSerializer]
[Alias("recsys.FieldError")]
[Immutable]
public sealed record FieldError(string Field, string Message);
