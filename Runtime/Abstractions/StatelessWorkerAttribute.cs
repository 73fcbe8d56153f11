namespace Recsys.Runtime;

/// <summary>A grain with no identity-bound state: the runtime keeps a local pool of up to
/// <see cref="MaxLocalWorkers"/> activations per key and sends each call to an idle one, so up to
/// that many calls run in parallel.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers) : Attribute
{
    public StatelessWorkerAttribute() : this(Environment.ProcessorCount)
    {
    }

    public int MaxLocalWorkers { get; } = maxLocalWorkers > 0
        ? maxLocalWorkers
        : throw new ArgumentOutOfRangeException(nameof(maxLocalWorkers), maxLocalWorkers, "A stateless worker pool needs at least one worker.");
}
