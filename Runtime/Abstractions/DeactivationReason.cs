namespace Recsys.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle for longer than its collection age.</summary>
    IdleTimeout,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed (an exception in construction, state load or OnActivateAsync).</summary>
    ActivationFailed,
}
