namespace Recsys.Runtime.Hosting;

/// <summary>Runtime settings (configuration section "Recsys:Runtime").</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Recsys:Runtime";

    /// <summary>How long a caller waits for a grain call before it fails with
    /// <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle this long is deactivated (a grain class may override it with
    /// <see cref="CollectionAgeLimitAttribute"/>).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit for OnActivateAsync (its cancellation token fires after it).</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for OnDeactivateAsync (its cancellation token fires after it).</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for all activations to deactivate (and flush).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(CallTimeout), CallTimeout), (nameof(CollectionAge), CollectionAge),
                     (nameof(CollectionQuantum), CollectionQuantum), (nameof(ActivationTimeout), ActivationTimeout),
                     (nameof(DeactivationTimeout), DeactivationTimeout), (nameof(ShutdownTimeout), ShutdownTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"Recsys:Runtime:{name} must be positive.");
            }
        }
    }
}
