namespace Recsys.Grains.Items;

/// <summary>A count that halves every half-life, kept as its value at the latest event time (events
/// may arrive out of order; older ones add less).</summary>
[GenerateSerializer]
[Alias("recsys.DecayedCounter")]
public sealed class DecayedCounter
{
    [Id(0)]
    public double Value { get; set; }

    [Id(1)]
    public DateTimeOffset? ReferenceTime { get; set; }

    public void Add(DateTimeOffset time, TimeSpan halfLife)
    {
        if (ReferenceTime is not { } reference || time > reference)
        {
            Value *= ReferenceTime is { } previous ? Decay(time - previous, halfLife) : 1;
            ReferenceTime = reference = time;
        }
        Value += Decay(reference - time, halfLife);
    }

    /// <summary>The count seen from <paramref name="at"/> (not before the latest event).</summary>
    public double ValueAt(DateTimeOffset at, TimeSpan halfLife) =>
        ReferenceTime is { } reference && at > reference ? Value * Decay(at - reference, halfLife) : Value;

    private static double Decay(TimeSpan age, TimeSpan halfLife) => Math.Pow(2, -age / halfLife);
}
