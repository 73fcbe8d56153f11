namespace Recsys.Grains.Hosting;

/// <summary>How the grains' (and the served model's) option classes refuse a bad setting: naming its full configuration key, which reaches the
/// operator as it is when the silo starts.</summary>
public static class OptionRule
{
    public static void Require(bool condition, string section, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"{section}:{name} must be {rule}.");
        }
    }
}
