using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

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

/// <summary>Every event id a user sent, up to a capacity, as a 64-bit XxHash3 with the event's day: about 30 bytes
/// an id in memory and 12 in storage, whatever the id's length, so re-sent events are recognised however old they
/// are. Past the capacity the oldest days are forgotten and events stamped on them are refused as
/// <see cref="EventIdCheck.Expired"/>, so no event is ever applied twice. Two different ids share a hash with
/// probability about n²/2⁶⁵ for a user with n ids (3·10⁻¹⁰ at 100,000): that event would be dropped as a duplicate.</summary>
[GenerateSerializer]
[Alias("recsys.EventIdIndex")]
public sealed class EventIdIndex
{
    private const int EntryBytes = sizeof(ulong) + sizeof(int);

    [NonSerialized]
    private Dictionary<ulong, int> _days = [];

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
            var packed = new byte[_days.Count * EntryBytes];
            var offset = 0;
            foreach (var (hash, day) in _days)
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
            var days = new Dictionary<ulong, int>(value.Length / EntryBytes);
            for (var offset = 0; offset < value.Length; offset += EntryBytes)
            {
                days[BinaryPrimitives.ReadUInt64LittleEndian(value.AsSpan(offset))] = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(offset + sizeof(ulong)));
            }
            _days = days;
        }
    }

    [JsonIgnore]
    public int Count => _days.Count;

    /// <summary>Checks <paramref name="eventId"/> and remembers it when new; past <paramref name="capacity"/> ids
    /// the oldest tenth of the days held is forgotten.</summary>
    public EventIdCheck Remember(string eventId, DateTimeOffset timestamp, int capacity)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));
        if (_days.ContainsKey(hash))
        {
            return EventIdCheck.Duplicate;
        }
        var day = DateOnly.FromDateTime(timestamp.UtcDateTime).DayNumber;
        if (day <= ForgottenThroughDay)
        {
            return EventIdCheck.Expired;
        }
        _days[hash] = day;
        if (_days.Count > capacity)
        {
            ForgetOldest(_days.Count - capacity + capacity / 10);
        }
        return EventIdCheck.New;
    }

    public void Clear()
    {
        _days.Clear();
        ForgottenThroughDay = null;
    }

    /// <summary>Forgets whole days, oldest first, until at least <paramref name="count"/> ids are gone: a day is
    /// either fully remembered or beyond the horizon.</summary>
    private void ForgetOldest(int count)
    {
        var days = _days.Values.ToArray();
        Array.Sort(days);
        var through = days[Math.Min(count, days.Length) - 1];
        foreach (var (hash, day) in _days)
        {
            if (day <= through)
            {
                _days.Remove(hash);
            }
        }
        ForgottenThroughDay = through;
    }
}
