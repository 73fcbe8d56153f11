namespace Recsys.Runtime;

/// <summary>Put on a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to have
/// the runtime inject state named <paramref name="stateName"/> held by the storage provider
/// <paramref name="storageName"/> (the provider registered as "Default" when omitted). The state is
/// read before <see cref="Grain.OnActivateAsync"/> runs.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = string.IsNullOrWhiteSpace(stateName)
        ? throw new ArgumentException("A persistent state needs a name.", nameof(stateName))
        : stateName;

    public string StorageName { get; } = storageName ?? Storage.GrainStorageNames.Default;
}
