namespace Recsys.Grains.Persistence;

/// <summary>The name every grain's persistent state is registered under; the silo binds it to the
/// configured store (SQLite for the embedded silo).</summary>
public static class RecsysGrainStorage
{
    public const string Name = "recsys";
}
