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
    public void APackedIndexOfPartEntriesIsRefused()
    {
        Assert.Throws<FormatException>(() => new EventIdIndex { Packed = new byte[13] });
    }
}
