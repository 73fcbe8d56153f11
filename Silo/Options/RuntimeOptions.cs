namespace Recsys.Silo.Options;

/// <summary>How the Orleans runtime treats grain calls and activations (configuration section
/// "Recsys:Runtime").</summary>
public sealed class RuntimeOptions : IValidatedOptions
{
    public static string SectionName => "Recsys:Runtime";

    /// <summary>How long a caller waits for a grain call (Orleans' ResponseTimeout) before it fails with
    /// a TimeoutException (HTTP 504). The call may still complete later.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle this long is deactivated, writing its state (Orleans' CollectionAge).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long shutdown waits for grains to deactivate and write their state.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[] { (nameof(CallTimeout), CallTimeout), (nameof(CollectionAge), CollectionAge), (nameof(ShutdownTimeout), ShutdownTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{SectionName}:{name} must be positive (was {value}).";
            }
        }
    }
}
