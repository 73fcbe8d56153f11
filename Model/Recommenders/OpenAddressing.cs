using System.Numerics;

namespace Recsys.Model.Recommenders;

/// <summary>Sizing of the open-addressed tables that hold the largest per-item and per-user structures (co-occurrence
/// rows, event-id indexes): a power of two of slots, at most three quarters full, so linear probing stays short.</summary>
public static class OpenAddressing
{
    /// <summary>How many entries a table of <paramref name="slotCount"/> slots holds before it must grow.</summary>
    public static int HoldsAtMost(int slotCount) => slotCount / 4 * 3;

    /// <summary>The fewest slots (a power of two, at least <paramref name="minimumSlots"/>) that hold
    /// <paramref name="count"/> entries.</summary>
    public static int SlotsFor(int count, int minimumSlots) =>
        (int)Math.Max(minimumSlots, BitOperations.RoundUpToPowerOf2((uint)(count + (count + 2) / 3)));
}
