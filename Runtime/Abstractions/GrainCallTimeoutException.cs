namespace Recsys.Runtime;

/// <summary>A grain call did not complete within its timeout. The call may still run later; the
/// caller no longer waits for it.</summary>
public sealed class GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout)
    : TimeoutException($"Call to {method} on grain {grain} did not complete within {timeout.TotalSeconds:0.###} s.")
{
    public GrainId Grain { get; } = grain;

    public string Method { get; } = method;

    public TimeSpan Timeout { get; } = timeout;
}
