namespace Recsys.Runtime.Storage;

public static class GrainStorageNames
{
    /// <summary>The provider used by <see cref="PersistentStateAttribute"/> when it names none.</summary>
    public const string Default = "Default";
}
