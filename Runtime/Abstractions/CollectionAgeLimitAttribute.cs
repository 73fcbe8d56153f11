namespace Recsys.Runtime;

/// <summary>Overrides <see cref="Hosting.RuntimeOptions.CollectionAge"/> for one grain class: an
/// activation idle for longer than this is deactivated.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    public TimeSpan Age { get; } = minutes > 0
        ? TimeSpan.FromMinutes(minutes)
        : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "The collection age must be positive.");
}
