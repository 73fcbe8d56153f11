namespace Recsys.Model.Ranking;

/// <summary>Scores summed per item number over a history's items: a dense array, because a query adds into
/// thousands of entries and a dictionary's hashing was most of its cost, and the list of the items added to, so
/// that reading them all costs what was added rather than the catalog.</summary>
internal sealed class ItemScores
{
    private readonly double[] scores;
    private readonly bool[] present;
    private readonly List<int> items = [];

    public ItemScores(int itemCount)
    {
        scores = new double[itemCount];
        present = new bool[itemCount];
    }

    /// <summary>The items added to, in the order they were first added to.</summary>
    public IReadOnlyList<int> Items => items;

    public int Count => items.Count;

    /// <summary>0 for an item never added to.</summary>
    public double this[int item] => scores[item];

    public bool Contains(int item) => present[item];

    public void Add(int item, double value)
    {
        Touch(item);
        scores[item] += value;
    }

    /// <summary>Keeps the larger of the item's score (0 before the first) and <paramref name="value"/>.</summary>
    public void Max(int item, double value)
    {
        Touch(item);
        scores[item] = Math.Max(scores[item], value);
    }

    /// <summary>The <paramref name="count"/> highest-scored items added to that <paramref name="keep"/> accepts, by
    /// score descending, then item number.</summary>
    public List<int> Top(int count, Func<int, bool> keep)
    {
        // Insertion into a short sorted list: most items score below its last and cost one comparison.
        var top = new List<int>(count + 1);
        if (count <= 0)
        {
            return top;
        }

        foreach (var item in items)
        {
            if ((top.Count == count && !Precedes(item, top[^1])) || !keep(item))
            {
                continue;
            }

            var position = top.Count;
            while (position > 0 && Precedes(item, top[position - 1]))
            {
                position--;
            }

            top.Insert(position, item);
            if (top.Count > count)
            {
                top.RemoveAt(count);
            }
        }

        return top;
    }

    private bool Precedes(int item, int other) =>
        scores[item] > scores[other] || (scores[item] == scores[other] && item < other);

    /// <summary>Back to no item added to, costing the items that were.</summary>
    public void Clear()
    {
        foreach (var item in items)
        {
            scores[item] = 0;
            present[item] = false;
        }

        items.Clear();
    }

    private void Touch(int item)
    {
        if (!present[item])
        {
            present[item] = true;
            items.Add(item);
        }
    }
}
