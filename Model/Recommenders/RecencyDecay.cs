namespace Recsys.Model.Recommenders;

/// <summary>Exponential recency weight exp(-age_days / decayDays) of something that happened at
/// <c>time</c>, seen from <c>at</c>.</summary>
public static class RecencyDecay
{
    public const double DefaultDays = 90;

    public static double Weight(DateTimeOffset time, DateTimeOffset at, double decayDays = DefaultDays) =>
        Math.Exp(-(at - time).TotalDays / decayDays);
}
