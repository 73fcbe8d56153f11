namespace Recsys.Model.Ranking;

/// <summary>Baskets holding each item, all-time and in windows ending at the cutoff, over one population
/// of baskets (all of them, or one country's).</summary>
internal sealed class ItemCounts
{
    private readonly double[] windowDays;

    public ItemCounts(int itemCount, IReadOnlyList<double> windowDays)
    {
        this.windowDays = [.. windowDays];
        AllTime = new int[itemCount];
        InWindow = Array.ConvertAll(this.windowDays, _ => new int[itemCount]);
        BasketsInWindow = new int[windowDays.Count];
    }

    public int[] AllTime { get; }

    /// <summary>By window (in the order configured), then item number.</summary>
    public int[][] InWindow { get; }

    public int Baskets { get; private set; }

    public int[] BasketsInWindow { get; }

    /// <param name="ageDays">Days from the basket to the cutoff.</param>
    public void Add(int[] items, double ageDays)
    {
        Baskets++;
        foreach (var item in items)
        {
            AllTime[item]++;
        }

        for (var window = 0; window < windowDays.Length; window++)
        {
            if (ageDays > windowDays[window])
            {
                continue;
            }

            BasketsInWindow[window]++;
            foreach (var item in items)
            {
                InWindow[window][item]++;
            }
        }
    }

    /// <summary>Share of the window's baskets holding the item, Laplace-smoothed towards
    /// <paramref name="prior"/> with <paramref name="priorBaskets"/> pseudo-baskets.</summary>
    public double WindowShare(int window, int item, double prior, double priorBaskets) =>
        (InWindow[window][item] + prior * priorBaskets) / (BasketsInWindow[window] + priorBaskets);

    /// <summary>Share of all baskets holding the item, smoothed as <see cref="WindowShare"/>.</summary>
    public double AllTimeShare(int item, double prior, double priorBaskets) =>
        (AllTime[item] + prior * priorBaskets) / (Baskets + priorBaskets);

    /// <summary>Item numbers by count in the window (desc), then all-time count (desc), then number.</summary>
    public int[] RankByWindow(int window)
    {
        var items = Enumerable.Range(0, AllTime.Length).Where(item => AllTime[item] > 0).ToArray();
        var counts = InWindow[window];
        Array.Sort(items, (a, b) =>
        {
            var order = counts[b].CompareTo(counts[a]);
            if (order == 0)
            {
                order = AllTime[b].CompareTo(AllTime[a]);
            }

            return order != 0 ? order : a.CompareTo(b);
        });
        return items;
    }
}
