using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Recsys.Grains.Users;

namespace Recsys.Grains.Tests;

public sealed class EventIdIndexTests
{
    [Fact]
    public void EveryIdIsKnownAgainThroughGrowthAndAfterAStorageRoundTrip()
    {
        var index = new EventIdIndex();
        for (var i = 0; i < 50_000; i++)
        {
            Assert.Equal(EventIdCheck.New, index.Remember($"event-{i}", Events.Start.AddDays(i % 300), capacity: 100_000));
        }

        var restored = new EventIdIndex { Packed = index.Packed };

        Assert.Equal(50_000, index.Count);
        Assert.Equal(50_000, restored.Count);
        Assert.Equal(50_000 * 12, index.Packed.Length);
        for (var i = 0; i < 50_000; i += 7)
        {
            Assert.Equal(EventIdCheck.Duplicate, restored.Remember($"event-{i}", Events.Start, capacity: 100_000));
        }
        Assert.Equal(EventIdCheck.New, restored.Remember("event-50000", Events.Start, capacity: 100_000));
    }

    [Fact]
    public void ForgettingKeepsTheNewerDaysLookedUpAndClearEmptiesIt()
    {
        var index = new EventIdIndex();
        for (var day = 0; day < 100; day++)
        {
            index.Remember($"e{day}", Events.Start.AddDays(day), capacity: 90);
        }

        Assert.InRange(index.Count, 1, 90);
        Assert.Equal(EventIdCheck.Duplicate, index.Remember("e99", Events.Start.AddDays(99), capacity: 90));
        Assert.Equal(EventIdCheck.Expired, index.Remember("e0", Events.Start, capacity: 90));

        index.Clear();

        Assert.Equal(0, index.Count);
        Assert.Null(index.ForgottenThroughDay);
        Assert.Equal(EventIdCheck.New, index.Remember("e0", Events.Start, capacity: 90));
    }

    [Fact]
    public void BytesWrittenByTheDictionaryFormReadBackWithTheirDays()
    {
        // The stored form since event ids became hashes: XxHash3 of the id's UTF-16 bytes, then the day, little-endian.
        static byte[] Entry(string eventId, int day)
        {
            var bytes = new byte[12];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan())));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), day);
            return bytes;
        }
        var start = DateOnly.FromDateTime(Events.Start.UtcDateTime).DayNumber;
        var stored = new EventIdIndex { Packed = [.. Entry("old-1", start), .. Entry("old-2", start + 5)], ForgottenThroughDay = start + 1 };

        Assert.Equal(EventIdCheck.Duplicate, stored.Remember("old-1", Events.Start.AddDays(9), capacity: 10));
        Assert.Equal(EventIdCheck.Duplicate, stored.Remember("old-2", Events.Start.AddDays(9), capacity: 10));
        Assert.Equal(EventIdCheck.Expired, stored.Remember("new", Events.Start.AddDays(1), capacity: 10));
        var entries = stored.Packed.Chunk(12).Select(entry => BinaryPrimitives.ReadInt32LittleEndian(entry.AsSpan(8))).Order();
        Assert.Equal([start, start + 5], entries);
    }

    [Fact]
    public void APackedIndexOfPartEntriesIsRefused()
    {
        Assert.Throws<FormatException>(() => new EventIdIndex { Packed = new byte[13] });
    }
}
