using System.Numerics;

namespace Recsys.Model.Recommenders;

/// <summary>One co-occurrence row: item number → count. Rows are most of the index's memory, so they are one array
/// of 64-bit slots (item number + 1 above, count below; 0 is empty) with open addressing and linear probing, at most
/// three quarters full: about 11 bytes a count where a <c>Dictionary&lt;int, int&gt;</c> spends 20, plus the slack
/// it keeps after growing.</summary>
internal sealed class CountRow
{
    private const long CountMask = 0xFFFF_FFFF;
    private const int MinimumSlots = 8;

    private long[] slots;

    public CountRow(int expectedCount = 0) => slots = new long[SlotsFor(expectedCount)];

    public int Count { get; private set; }

    /// <summary>Slots the row has now: the most counts it can hold without growing is three quarters of them.</summary>
    public int Capacity => slots.Length;

    /// <summary>How many counts a row of <paramref name="slotCount"/> slots holds before it must grow.</summary>
    public static int HoldsAtMost(int slotCount) => OpenAddressing.HoldsAtMost(slotCount);

    /// <summary>The fewest slots (a power of two, at least 8) that hold <paramref name="count"/> counts.</summary>
    public static int SlotsFor(int count) => OpenAddressing.SlotsFor(count, MinimumSlots);

    public int this[int item]
    {
        get
        {
            var slot = Locate(item, out var found);
            return found ? (int)(slots[slot] & CountMask) : 0;
        }
    }

    public bool Contains(int item)
    {
        Locate(item, out var found);
        return found;
    }

    /// <summary>One more co-occurrence with <paramref name="item"/>; a count stops at <see cref="int.MaxValue"/>.</summary>
    public void Increment(int item)
    {
        var slot = LocateWithRoom(item, out var found);
        if (!found)
        {
            slots[slot] = Tag(item) | 1;
            Count++;
        }
        else if ((slots[slot] & CountMask) < int.MaxValue)
        {
            slots[slot]++;
        }
    }

    /// <summary>Sets a count read back from storage (positive).</summary>
    public void Set(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var slot = LocateWithRoom(item, out var found);
        if (!found)
        {
            Count++;
        }
        slots[slot] = Tag(item) | (uint)count;
    }

    /// <summary>Every (item, count), in no particular order.</summary>
    public IEnumerable<KeyValuePair<int, int>> Pairs()
    {
        foreach (var value in slots)
        {
            if (value != 0)
            {
                yield return new KeyValuePair<int, int>((int)((value >>> 32) - 1), (int)(value & CountMask));
            }
        }
    }

    /// <summary>Keeps the <paramref name="limit"/> largest counts (ties: the lower item number), in the fewest slots
    /// that hold them.</summary>
    public void KeepLargest(int limit)
    {
        var kept = Pairs().OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).Take(limit).ToList();
        slots = new long[SlotsFor(kept.Count)];
        Count = 0;
        foreach (var (item, count) in kept)
        {
            Set(item, count);
        }
    }

    private static long Tag(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        return ((long)item + 1) << 32;
    }

    /// <summary>Fibonacci hashing: dense item numbers spread over the whole table.</summary>
    private int Home(int item) => (int)(((uint)item * 2654435769u) >> (32 - BitOperations.Log2((uint)slots.Length)));

    /// <summary>The slot holding <paramref name="item"/>, or else the empty slot where it would go (there is always
    /// one: the table is at most three quarters full).</summary>
    private int Locate(int item, out bool found)
    {
        var tag = Tag(item);
        var mask = slots.Length - 1;
        for (var slot = Home(item); ; slot = (slot + 1) & mask)
        {
            var value = slots[slot];
            if (value == 0 || (value & ~CountMask) == tag)
            {
                found = value != 0;
                return slot;
            }
        }
    }

    private int LocateWithRoom(int item, out bool found)
    {
        var slot = Locate(item, out found);
        if (found || Count + 1 <= HoldsAtMost(slots.Length))
        {
            return slot;
        }
        Rehash(slots.Length * 2);
        return Locate(item, out found);
    }

    private void Rehash(int slotCount)
    {
        var old = slots;
        slots = new long[slotCount];
        var mask = slotCount - 1;
        foreach (var value in old)
        {
            if (value == 0)
            {
                continue;
            }
            var slot = Home((int)((value >>> 32) - 1));
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = value;
        }
    }
}
