namespace Recsys.Grains.Hosting;

/// <summary>How the grains' option classes refuse a bad setting: naming its full configuration key, which reaches the
/// operator as it is when the silo starts.</summary>
internal static class OptionRule
{
    public static void Require(bool condition, string section, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"{section}:{name} must be {rule}.");
        }
    }
}
