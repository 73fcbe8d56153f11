using System.Runtime.InteropServices;

namespace Recsys.Model.Recommenders;

/// <summary>Basket co-occurrence counts and the item-to-item cosine similarity
/// co(i, j) / sqrt(n_i n_j) they give (n_i: baskets holding i): the ITEMKNN recommender's index.
/// Incremental: one call per item joining a basket. Persisted through <see cref="ToState"/> and
/// <see cref="FromState"/>.</summary>
/// <remarks>
/// Item ids are interned to dense numbers inside: integer-keyed rows make the millions of pair updates
/// of a large history several times faster than string-keyed ones.
/// As a shard (<see cref="ShardCount"/> &gt; 1) it keeps the co-occurrence rows of its own items only
/// (<see cref="ShardOf"/>) but the basket counts of all items, which the similarities need: every shard
/// must see every update. Not thread-safe.
/// With a <see cref="RowLimit"/> a row that grows past one and a half times the limit keeps only its
/// <see cref="RowLimit"/> largest counts (ties: the item numbered first): memory stays bounded on a catalog of any
/// size, at the price of approximate counts for pairs that were dropped and come back. The pairs that form neighbour lists co-occur
/// often, so they survive; the evaluation's ITEMKNN keeps every row whole (no limit).
/// </remarks>
public sealed class CooccurrenceIndex
{
    public const int DefaultNeighbourCount = 100;

    private readonly Dictionary<string, int> itemNumbers = new(StringComparer.Ordinal);
    private readonly List<string> itemIds = [];
    private readonly List<int> basketCounts = [];

    /// <summary>By item number; null for an item whose row is not owned or that never shared a basket.</summary>
    private readonly List<CountRow?> rows = [];
    private readonly List<bool> ownsRow = [];
    private readonly Dictionary<int, IReadOnlyList<ItemNeighbour>> neighbourCache = [];

    /// <param name="rowLimit">Co-occurrence counts a row keeps when it is pruned; 0 keeps rows whole.</param>
    public CooccurrenceIndex(int neighbourCount = DefaultNeighbourCount, int shardCount = 1, int shardIndex = 0,
        int rowLimit = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neighbourCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, shardCount);
        ArgumentOutOfRangeException.ThrowIfNegative(rowLimit);
        if (rowLimit > 0 && rowLimit < neighbourCount)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLimit), rowLimit,
                $"a row limit must be 0 (none) or at least the neighbour count ({neighbourCount})");
        }

        (NeighbourCount, ShardCount, ShardIndex, RowLimit) = (neighbourCount, shardCount, shardIndex, rowLimit);
    }

    /// <summary>Neighbours kept per item.</summary>
    public int NeighbourCount { get; }

    /// <summary>Counts a pruned row keeps (a row holds at most one and a half times as many); 0: rows are never
    /// pruned.</summary>
    public int RowLimit { get; }

    public int ShardCount { get; }

    public int ShardIndex { get; }

    /// <summary>The shard (0 .. shardCount − 1) that owns an item's row; the same in every process.</summary>
    public static int ShardOf(string itemId, int shardCount) => Fnv1aHash.ShardOf(itemId, shardCount);

    public bool OwnsRow(string itemId) => ShardCount == 1 || ShardOf(itemId, ShardCount) == ShardIndex;

    /// <summary>Records that <paramref name="itemId"/> joined a basket already holding the distinct
    /// <paramref name="basketItems"/>: one more basket for it, one more co-occurrence with each of them.</summary>
    /// <returns>False, changing nothing, when the basket already held the item.</returns>
    public bool AddToBasket(IEnumerable<string> basketItems, string itemId)
    {
        var others = basketItems.Select(Intern).ToArray();
        var item = Intern(itemId);
        if (others.Contains(item))
        {
            return false;
        }

        basketCounts[item]++;
        var ownRow = ownsRow[item] ? rows[item] ??= new CountRow() : null;
        foreach (var other in others)
        {
            ownRow?.Increment(other);
            if (ownsRow[other])
            {
                var otherRow = rows[other] ??= new CountRow();
                otherRow.Increment(item);
                PruneIfFull(other, otherRow);
            }
        }

        if (ownRow is not null)
        {
            PruneIfFull(item, ownRow);
        }

        InvalidateNeighboursOf(item);
        return true;
    }

    /// <summary>Records a new basket of distinct items, as if they joined it one after the other.</summary>
    public void AddBasket(IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            AddToBasket(items.Take(i), items[i]);
        }
    }

    public int BasketCount(string itemId) => itemNumbers.TryGetValue(itemId, out var item) ? basketCounts[item] : 0;

    /// <summary>co(i, j); i's row must be owned.</summary>
    public int Cooccurrences(string itemId, string otherId) =>
        OwnedRow(itemId) is { } row && itemNumbers.TryGetValue(otherId, out var other)
            ? row[other]
            : 0;

    /// <summary>cos(i, j) = co(i, j) / sqrt(n_i n_j); i's row must be owned.</summary>
    public double Similarity(string itemId, string otherId)
    {
        var cooccurrences = Cooccurrences(itemId, otherId);
        return cooccurrences == 0 ? 0 : Cosine(cooccurrences, BasketCount(itemId), BasketCount(otherId));
    }

    /// <summary>The <see cref="NeighbourCount"/> most similar items (similarity desc, id ordinal asc),
    /// cached until an update changes them; the item's row must be owned.</summary>
    public IReadOnlyList<ItemNeighbour> Neighbours(string itemId)
    {
        if (OwnedRow(itemId) is not { } row)
        {
            return [];
        }

        var item = itemNumbers[itemId];
        if (neighbourCache.TryGetValue(item, out var cached))
        {
            return cached;
        }

        var neighbours = TopK.Select(
            row.Pairs().Select(pair => new ItemNeighbour(
                itemIds[pair.Key], Cosine(pair.Value, basketCounts[item], basketCounts[pair.Key]))),
            NeighbourCount,
            NeighbourOrder);
        neighbourCache[item] = neighbours;
        return neighbours;
    }

    /// <summary>Entries held by an item's row (0 when it has none); the item's row must be owned.</summary>
    public int RowSize(string itemId) => OwnedRow(itemId)?.Count ?? 0;

    public CooccurrenceState ToState()
    {
        var byId = Enumerable.Range(0, itemIds.Count).OrderBy(item => itemIds[item], StringComparer.Ordinal).ToArray();
        var stateNumber = new int[byId.Length];
        for (var position = 0; position < byId.Length; position++)
        {
            stateNumber[byId[position]] = position;
        }

        var state = new CooccurrenceState
        {
            NeighbourCount = NeighbourCount,
            ShardCount = ShardCount,
            ShardIndex = ShardIndex,
            Items = [.. byId.Select(item => itemIds[item])],
            BasketCounts = [.. byId.Select(item => basketCounts[item])],
        };
        for (var position = 0; position < byId.Length; position++)
        {
            if (rows[byId[position]] is not { } row)
            {
                continue;
            }

            var others = new int[row.Count];
            var counts = new int[row.Count];
            var at = 0;
            foreach (var (other, count) in row.Pairs())
            {
                (others[at], counts[at]) = (stateNumber[other], count);
                at++;
            }

            Array.Sort(others, counts);
            var pairs = new int[others.Length * 2];
            for (var i = 0; i < others.Length; i++)
            {
                (pairs[2 * i], pairs[2 * i + 1]) = (others[i], counts[i]);
            }

            state.Rows.Add(new CooccurrenceRow(position, pairs));
        }

        return state;
    }

    /// <param name="rowLimit">As in the constructor: the limit of the index from now on (rows longer than one and
    /// a half times it are pruned at their next update).</param>
    /// <exception cref="ArgumentException">The state is inconsistent or holds a row of another shard.</exception>
    public static CooccurrenceIndex FromState(CooccurrenceState state, int rowLimit = 0)
    {
        if (state.BasketCounts.Count != state.Items.Count)
        {
            throw new ArgumentException(
                $"the state has {state.Items.Count} items but {state.BasketCounts.Count} basket counts", nameof(state));
        }

        var index = new CooccurrenceIndex(state.NeighbourCount, state.ShardCount, state.ShardIndex, rowLimit);
        for (var number = 0; number < state.Items.Count; number++)
        {
            if (index.Intern(state.Items[number]) != number)
            {
                throw new ArgumentException($"the state lists item {state.Items[number]} twice", nameof(state));
            }

            index.basketCounts[number] = state.BasketCounts[number];
        }

        foreach (var (item, pairs) in state.Rows)
        {
            if (item < 0 || item >= state.Items.Count || pairs.Length % 2 != 0
                || Enumerable.Range(0, pairs.Length / 2).Any(i => pairs[2 * i] < 0 || pairs[2 * i] >= state.Items.Count || pairs[2 * i + 1] <= 0))
            {
                throw new ArgumentException($"the state has a malformed row for item number {item}", nameof(state));
            }

            if (!index.ownsRow[item])
            {
                throw new ArgumentException($"the state holds the row of item {state.Items[item]}, which belongs to shard "
                    + $"{ShardOf(state.Items[item], state.ShardCount)}, not {state.ShardIndex}", nameof(state));
            }

            var row = new CountRow(pairs.Length / 2);
            for (var i = 0; i < pairs.Length; i += 2)
            {
                row.Set(pairs[i], pairs[i + 1]);
            }

            index.rows[item] = row;
        }

        return index;
    }

    private static IComparer<ItemNeighbour> NeighbourOrder { get; } = Comparer<ItemNeighbour>.Create((a, b) =>
    {
        var bySimilarity = b.Similarity.CompareTo(a.Similarity);
        return bySimilarity != 0 ? bySimilarity : string.CompareOrdinal(a.ItemId, b.ItemId);
    });

    private static double Cosine(int cooccurrences, int basketsOfOne, int basketsOfOther) =>
        cooccurrences / Math.Sqrt((double)basketsOfOne * basketsOfOther);

    private void PruneIfFull(int item, CountRow row)
    {
        if (RowLimit == 0 || row.Count <= RowLimit + RowLimit / 2)
        {
            return;
        }

        row.KeepLargest(RowLimit);
        neighbourCache.Remove(item);
    }

    private int Intern(string itemId)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(itemNumbers, itemId, out var known);
        if (!known)
        {
            number = itemIds.Count;
            itemIds.Add(itemId);
            basketCounts.Add(0);
            rows.Add(null);
            ownsRow.Add(OwnsRow(itemId));
        }

        return number;
    }

    private CountRow? OwnedRow(string itemId)
    {
        if (!OwnsRow(itemId))
        {
            throw new InvalidOperationException(
                $"item {itemId} belongs to shard {ShardOf(itemId, ShardCount)}, not to shard {ShardIndex}");
        }

        return itemNumbers.TryGetValue(itemId, out var item) ? rows[item] : null;
    }

    /// <summary>A new basket of an item changes its n_i, so every similarity with it: its own row and each
    /// row that holds it (which includes the rows of the basket's other items).</summary>
    private void InvalidateNeighboursOf(int item)
    {
        if (neighbourCache.Count == 0)
        {
            return;
        }

        neighbourCache.Remove(item);
        foreach (var cached in neighbourCache.Keys.Where(cached => rows[cached]!.Contains(item)).ToList())
        {
            neighbourCache.Remove(cached);
        }
    }
}
