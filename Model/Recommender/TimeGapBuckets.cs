namespace Recsys.Model.Recommender;

/// <summary>How long before the query a past purchase happened, as a bucket the user encoder embeds:
/// doubling widths (under a day, 1–2 days, 2–4, ... 256–512, then 512 days or more), because what a day
/// more means shrinks as the gap grows.</summary>
public static class TimeGapBuckets
{
    /// <summary>The bucket of a padding position, which holds no purchase.</summary>
    public const int Padding = 0;

    /// <summary>Buckets including <see cref="Padding"/>.</summary>
    public const int Count = 12;

    /// <summary>The bucket of a purchase <paramref name="days"/> before the query: 1 under a day, then
    /// 2 + ⌊log2 days⌋, at most <see cref="Count"/> − 1. A negative gap (clock skew) counts as under a day.</summary>
    public static int Of(double days) =>
        days < 1 ? 1 : Math.Min(Count - 1, 2 + (int)Math.Floor(Math.Log2(days)));
}
