using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Recsys.Model.Recommenders;

namespace Recsys.Grains.Users;

/// <summary>Whether an event id was seen before.</summary>
public enum EventIdCheck
{
    /// <summary>Not seen: now remembered.</summary>
    New,

    /// <summary>Seen before: the event must not be applied again.</summary>
    Duplicate,

    /// <summary>Stamped on or before the last day the index had to forget (only once a user passes its capacity):
    /// whether it was seen cannot be told, so it must not be applied.</summary>
    Expired,
}

/// <summary>Every event id a user sent, up to a capacity, as a 64-bit XxHash3 with the event's day: 16 to 32 bytes
/// an id in memory (12-byte slots of an open-addressed table, between three eighths and three quarters full; a
/// dictionary took about 36) and 12 in storage, whatever the id's length, so re-sent events are recognised however old they are. Past the capacity the
/// oldest days are forgotten and events stamped on them are refused as <see cref="EventIdCheck.Expired"/>, so no
/// event is ever applied twice. Two different ids share a hash with probability about n²/2⁶⁵ for a user with n ids
/// (3·10⁻¹⁰ at 100,000): that event would be dropped as a duplicate.</summary>
[GenerateSerializer]
[Alias("recsys.EventIdIndex")]
public sealed class EventIdIndex
{
    private const int EntryBytes = sizeof(ulong) + sizeof(int);
    private const int MinimumSlots = 16;

    // Slot i holds hash _hashes[i] (0: empty; a hash that is 0 is kept as 1) seen on day _days[i].
    [NonSerialized]
    private ulong[] _hashes = new ulong[MinimumSlots];

    [NonSerialized]
    private int[] _days = new int[MinimumSlots];

    [NonSerialized]
    private int _count;

    /// <summary>Events stamped on this day (<see cref="DateOnly.DayNumber"/>) or before cannot be checked; null
    /// while nothing was forgotten.</summary>
    [Id(0)]
    public int? ForgottenThroughDay { get; set; }

    /// <summary>The ids as stored: hash and day, 12 bytes each (little-endian). Built when the state is written,
    /// read back into the lookup when it is loaded.</summary>
    [Id(1)]
    public byte[] Packed
    {
        get
        {
            var packed = new byte[Count * EntryBytes];
            var offset = 0;
            foreach (var (hash, day) in Entries())
            {
                BinaryPrimitives.WriteUInt64LittleEndian(packed.AsSpan(offset), hash);
                BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(offset + sizeof(ulong)), day);
                offset += EntryBytes;
            }
            return packed;
        }
        set
        {
            if (value.Length % EntryBytes != 0)
            {
                throw new FormatException($"A packed event id index has whole entries of {EntryBytes} bytes (got {value.Length} bytes).");
            }
            Reset(value.Length / EntryBytes);
            for (var offset = 0; offset < value.Length; offset += EntryBytes)
            {
                var hash = Math.Max(1UL, BinaryPrimitives.ReadUInt64LittleEndian(value.AsSpan(offset))); // as Remember keeps it
                Add(hash, BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(offset + sizeof(ulong))));
            }
        }
    }

    [JsonIgnore]
    public int Count => _count;

    /// <summary>Checks <paramref name="eventId"/> and remembers it when new; past <paramref name="capacity"/> ids
    /// the oldest tenth of the days held is forgotten.</summary>
    public EventIdCheck Remember(string eventId, DateTimeOffset timestamp, int capacity)
    {
        var hash = Math.Max(1UL, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan())));
        if (_hashes[Locate(hash)] == hash)
        {
            return EventIdCheck.Duplicate;
        }
        var day = DateOnly.FromDateTime(timestamp.UtcDateTime).DayNumber;
        if (day <= ForgottenThroughDay)
        {
            return EventIdCheck.Expired;
        }
        Add(hash, day);
        if (Count > capacity)
        {
            ForgetOldest(Count - capacity + capacity / 10);
        }
        return EventIdCheck.New;
    }

    public void Clear()
    {
        Reset(0);
        ForgottenThroughDay = null;
    }

    /// <summary>Forgets whole days, oldest first, until at least <paramref name="count"/> ids are gone: a day is
    /// either fully remembered or beyond the horizon.</summary>
    private void ForgetOldest(int count)
    {
        var kept = Entries().ToList();
        var days = kept.ConvertAll(entry => entry.Day);
        days.Sort();
        var through = days[Math.Min(count, days.Count) - 1];
        kept.RemoveAll(entry => entry.Day <= through);
        Reset(kept.Count);
        foreach (var (hash, day) in kept)
        {
            Add(hash, day);
        }
        ForgottenThroughDay = through;
    }

    private IEnumerable<(ulong Hash, int Day)> Entries()
    {
        for (var slot = 0; slot < _hashes.Length; slot++)
        {
            if (_hashes[slot] != 0)
            {
                yield return (_hashes[slot], _days[slot]);
            }
        }
    }

    /// <summary>Empties the table, sized for <paramref name="count"/> ids.</summary>
    private void Reset(int count)
    {
        var slots = OpenAddressing.SlotsFor(count, MinimumSlots);
        _hashes = new ulong[slots];
        _days = new int[slots];
        _count = 0;
    }

    /// <summary>Remembers a hash not held yet, growing the table past three quarters full.</summary>
    private void Add(ulong hash, int day)
    {
        if (Count + 1 > OpenAddressing.HoldsAtMost(_hashes.Length))
        {
            var (hashes, days) = (_hashes, _days);
            Reset(Count * 2);
            for (var slot = 0; slot < hashes.Length; slot++)
            {
                if (hashes[slot] != 0)
                {
                    Add(hashes[slot], days[slot]);
                }
            }
        }
        var free = Locate(hash);
        if (_hashes[free] != hash)
        {
            (_hashes[free], _days[free]) = (hash, day);
            _count++;
        }
    }

    /// <summary>The slot holding <paramref name="hash"/>, or the empty slot where it would go.</summary>
    private int Locate(ulong hash)
    {
        var mask = _hashes.Length - 1;
        for (var slot = (int)(hash & (ulong)mask); ; slot = (slot + 1) & mask)
        {
            if (_hashes[slot] == 0 || _hashes[slot] == hash)
            {
                return slot;
            }
        }
    }
}
