using Recsys.Grains.Interfaces;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Grains.Journal;

namespace Recsys.Grains.Tests;

public sealed class UserGrainTests
{
    private static readonly RecommendationRequest InJune = new() { Count = 5, At = Events.Start.AddDays(10) };

    [Fact]
    public async Task TrackedEventsShowInTheProfileAndDuplicatesAreCounted()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var user = silo.Grains.GetGrain<IUserGrain>("u1");
        UserEvent[] events = [Events.Purchase("u1", "A", "b1"), Events.Purchase("u1", "B", "b1"), Events.View("u1", "C", "v1", day: 1)];

        var first = await user.Track(events);
        var again = await user.Track(events);
        var profile = await user.Profile();

        Assert.Equal(new TrackResult { Accepted = 3, Duplicates = 0, UnknownItems = 3 }, first);
        Assert.Equal(new TrackResult { Accepted = 0, Duplicates = 3, UnknownItems = 0 }, again);
        Assert.True(profile.Known);
        Assert.Equal(3, profile.EventsTracked);
        Assert.Equal(3, profile.DuplicatesDropped);
        Assert.Equal(["v1", "b1:B", "b1:A"], profile.RecentEvents.Select(e => e.EventId));
        Assert.Equal(["A", "B"], profile.TopItems.Select(i => i.ItemId).Order());
        Assert.Equal("France", profile.Scene.Location);
    }

    [Fact]
    public async Task TheModelContextHoldsTheBasketsSinceTheTimeAskedUpToTheRequestsMomentInTheRequestsScene()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var user = silo.Grains.GetGrain<IUserGrain>("u1");
        await user.Track([
            Events.Purchase("u1", "A", "old", day: 1), Events.Purchase("u1", "B", "new", day: 5), Events.Purchase("u1", "C", "new", day: 5),
            Events.Purchase("u1", "D", "later", day: 9), Events.View("u1", "E", "v1", day: 6),
        ]);

        var context = await user.ModelContext(new RecommendationRequest { At = Events.Start.AddDays(7), Location = "Germany" }, Events.Start.AddDays(3));

        Assert.Equal(Events.Start.AddDays(7), context.At);
        Assert.Equal("Germany", context.Scene.Location);
        var basket = Assert.Single(context.Baskets);
        Assert.Equal(Events.Start.AddDays(5), basket.Time);
        Assert.Equal(["B", "C"], basket.ItemIds);
        await Assert.ThrowsAsync<ContractViolationException>(() => user.ModelContext(new RecommendationRequest { Count = 0 }, Events.Start));
    }

    [Fact]
    public async Task EventsOfAnotherUserOrInvalidEventsAreRefusedWithTheField()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var user = silo.Grains.GetGrain<IUserGrain>("u1");

        var wrongUser = await Assert.ThrowsAsync<ContractViolationException>(() => user.Track([Events.Purchase("u2", "A", "b1")]));
        var future = await Assert.ThrowsAsync<ContractViolationException>(() =>
            user.Track([Events.View("u1", "A", "v1") with { Timestamp = DateTimeOffset.UtcNow.AddDays(1) }]));

        Assert.Equal(["events[0].userId"], wrongUser.Errors.Select(e => e.Field));
        Assert.Equal(["events[0].timestamp"], future.Errors.Select(e => e.Field));
        Assert.Contains("events[0].userId", wrongUser.Message);
        Assert.False((await user.Profile()).Known);
    }

    [Fact]
    public async Task KnownItemsAreNotCountedAsUnknown()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await silo.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("A"));

        var result = await silo.Grains.GetGrain<IUserGrain>("u1").Track([Events.Purchase("u1", "A", "b1"), Events.Purchase("u1", "Z", "b1")]);
        var item = await silo.Grains.GetGrain<IItemGrain>("A").Info();

        Assert.Equal(1, result.UnknownItems);
        Assert.True(item.Known);
        Assert.Equal(1, item.Popularity.Purchases, 9);
        Assert.Equal(Events.Start, item.LastInteraction);
        Assert.False((await silo.Grains.GetGrain<IItemGrain>("Z").Info()).Known);
    }

    /// <summary>Expiry itself is <see cref="SharedSignalsCacheTests"/>' (on a fake clock); here the silo keeps what it
    /// read for a TTL far longer than the test, and reads anew for every request with a TTL of 0.</summary>
    [Theory]
    [InlineData(600, "Title of A")]
    [InlineData(0, "Renamed A")]
    public async Task ASiloReusesTitlesForTheSharedSignalsTtl(int ttlSeconds, string titleAfterTheRename)
    {
        await using var silo = await RecsysTestCluster.StartAsync(recommender: o => o.SharedSignalsTtl = TimeSpan.FromSeconds(ttlSeconds));
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("buyer");
        await user.Track([Events.Purchase("buyer", "A", "own1", day: 1)]);
        string? TitleOfA(RecommendationList list) => list.Items.Single(i => i.ItemId == "A").Title;
        Assert.Equal("Title of A", TitleOfA(await user.Recommend(InJune)));

        await silo.Grains.GetGrain<IItemGrain>("A").Upsert(Events.Item("A") with { Title = "Renamed A" });

        Assert.Equal(titleAfterTheRename, TitleOfA(await user.Recommend(InJune)));
    }

    [Fact]
    public async Task RecommendationsPutOwnPurchasesFirstWithReasons()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("buyer");
        await user.Track([Events.Purchase("buyer", "A", "own1", day: 1), Events.Purchase("buyer", "A", "own2", day: 2), Events.Purchase("buyer", "C", "own2", day: 2)]);

        var list = await user.Recommend(InJune);

        Assert.Equal("A", list.Items[0].ItemId);
        Assert.Equal(RecommendationSource.Repeat, list.Items[0].Source);
        Assert.Equal("bought before (2 times, last on 2011-06-03)", list.Items[0].Reason);
        Assert.Equal("Title of A", list.Items[0].Title);
        Assert.Equal("baseline-mix/1", list.Strategy);
        Assert.Equal(5, list.Items.Count);
        Assert.Equal(list.Items.Count, list.Items.Select(i => i.ItemId).Distinct().Count());
        Assert.True(list.Items.Zip(list.Items.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task ItemsBoughtTogetherAreRecommendedWithTheItemTheyGoWith()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("newcomer");
        await user.Track([Events.Purchase("newcomer", "A", "n1", day: 5)]);

        var list = await user.Recommend(InJune with { ExcludeItemIds = ["A"] });

        var boughtWith = list.Items.First(i => i.Source == RecommendationSource.CoOccurrence);
        Assert.Equal("B", boughtWith.ItemId); // B shares 3 baskets with A in Seed
        Assert.Equal("often bought with Title of A", boughtWith.Reason);
        Assert.DoesNotContain(list.Items, i => i.ItemId == "A");
    }

    [Fact]
    public async Task TheSameUserGetsDifferentRecommendationsInDifferentScenes()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("visitor");

        var inFrance = await user.Recommend(InJune with { Location = "France" });
        var inGermany = await user.Recommend(InJune with { Location = "Germany" });
        var onSale = await user.Recommend(InJune with { Location = "Germany", PromotionIds = ["SUMMER"] });

        Assert.Equal("F1", inFrance.Items[0].ItemId);
        Assert.Equal("popular in France this month", inFrance.Items[0].Reason);
        Assert.Equal("G1", inGermany.Items[0].ItemId);
        Assert.Equal("popular in Germany this month", inGermany.Items[0].Reason);
        Assert.Equal("P", onSale.Items[0].ItemId);
        Assert.Equal("on promotion (SUMMER)", onSale.Items[0].Reason);
        Assert.Equal("Germany", onSale.Scene.Location);
    }

    [Fact]
    public async Task LocationsAreNormalisedForTheLookupAndTheReasonSaysWhichOneWasUsed()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("visitor");

        var spelledOddly = await user.Recommend(InJune with { Location = "  france " });

        Assert.Equal("F1", spelledOddly.Items[0].ItemId);
        Assert.Equal("popular in france this month", spelledOddly.Items[0].Reason);
    }

    [Fact]
    public async Task TheDeviceOfTheSceneMixesInWhatIsPopularOnIt()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        await silo.Grains.GetGrain<IEventIngestGrain>(0).Track(
            [.. Enumerable.Range(0, 5).Select(i => Events.Purchase($"m{i}", "M", $"m{i}", day: i, location: null) with { Device = "mobile" })]);
        var user = silo.Grains.GetGrain<IUserGrain>("visitor");

        var onMobile = await user.Recommend(InJune with { Device = " Mobile" });
        var onDesktop = await user.Recommend(InJune with { Device = "desktop" });

        Assert.Equal("M", onMobile.Items[0].ItemId);
        Assert.Equal(RecommendationSource.PopularOnDevice, onMobile.Items[0].Source);
        Assert.Equal("popular on Mobile this month", onMobile.Items[0].Reason);
        Assert.NotEqual(RecommendationSource.PopularOnDevice, onDesktop.Items[0].Source);
    }

    [Fact]
    public async Task PopularityLooksAtTheThirtyDaysBeforeTheRequestedMoment()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        await Seed(silo);
        var user = silo.Grains.GetGrain<IUserGrain>("visitor");

        var later = await user.Recommend(new RecommendationRequest { Count = 3, At = Events.Start.AddDays(45) });
        var now = await user.Recommend(new RecommendationRequest { Count = 3, At = Events.Start.AddDays(10) });

        Assert.Equal("L", later.Items[0].ItemId); // L was bought on days 40-44 only
        Assert.NotEqual("L", now.Items[0].ItemId);
    }

    [Fact]
    public async Task ForgetErasesTheUser()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var user = silo.Grains.GetGrain<IUserGrain>("gone");
        await user.Track([Events.Purchase("gone", "A", "b1")]);

        await user.Forget();

        var profile = await user.Profile();
        Assert.False(profile.Known);
        Assert.Empty(profile.RecentEvents);
        Assert.Equal(0, await silo.Service<IEventJournal>().Count(CancellationToken.None));
    }

    [Fact]
    public async Task TheIngestGrainJournalsAndRoutesEventsToTheirUsers()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var ingest = silo.Grains.GetGrain<IEventIngestGrain>(0);

        var result = await ingest.Track([Events.Purchase("a", "X", "1"), Events.Purchase("b", "X", "2"), Events.Purchase("a", "Y", "1"), Events.Purchase("a", "Y", "1")]);

        Assert.Equal(new TrackResult { Accepted = 3, Duplicates = 1, UnknownItems = 3 }, result);
        Assert.Equal(2, (await silo.Grains.GetGrain<IUserGrain>("a").Profile()).EventsTracked);
        Assert.Equal(1, (await silo.Grains.GetGrain<IUserGrain>("b").Profile()).EventsTracked);
        Assert.Equal(4, await silo.Service<IEventJournal>().Count(CancellationToken.None));
    }

    [Fact]
    public async Task OneInvalidEventRefusesTheWholeBatchBeforeAnythingIsStored()
    {
        await using var silo = await RecsysTestCluster.StartAsync();
        var ingest = silo.Grains.GetGrain<IEventIngestGrain>(0);

        var refused = await Assert.ThrowsAsync<ContractViolationException>(() =>
            ingest.Track([Events.Purchase("a", "X", "1"), Events.View("b", "X", "v") with { Quantity = 0 }]));

        Assert.Equal(["events[1].quantity"], refused.Errors.Select(e => e.Field));
        Assert.False((await silo.Grains.GetGrain<IUserGrain>("a").Profile()).Known);
        Assert.Equal(0, await silo.Service<IEventJournal>().Count(CancellationToken.None));
    }

    [Fact]
    public async Task HistoryLengthIsConfigurable()
    {
        await using var silo = await RecsysTestCluster.StartAsync(users: o => o.HistoryLength = 2);
        var user = silo.Grains.GetGrain<IUserGrain>("short");

        await user.Track([Events.View("short", "A", "1"), Events.View("short", "B", "2", 1), Events.View("short", "C", "3", 2)]);

        Assert.Equal(["3", "2"], (await user.Profile()).RecentEvents.Select(e => e.EventId));
    }

    /// <summary>A small shop: A and B bought together often; F1 popular in France, G1 in Germany;
    /// P on the SUMMER promotion; L popular only around day 40.</summary>
    private static async Task Seed(RecsysTestCluster silo)
    {
        foreach (var id in new[] { "A", "B", "C", "F1", "G1", "L" })
        {
            await silo.Grains.GetGrain<IItemGrain>(id).Upsert(Events.Item(id));
        }
        await silo.Grains.GetGrain<IItemGrain>("P").Upsert(Events.Item("P", onPromotion: true, "SUMMER"));
        List<UserEvent> events = [];
        for (var i = 0; i < 3; i++)
        {
            events.Add(Events.Purchase($"s{i}", "A", $"ab{i}", day: i));
            events.Add(Events.Purchase($"s{i}", "B", $"ab{i}", day: i));
        }
        for (var i = 0; i < 4; i++)
        {
            events.Add(Events.Purchase($"f{i}", "F1", $"f{i}", day: i, location: "France"));
            events.Add(Events.Purchase($"g{i}", "G1", $"g{i}", day: i, location: "Germany"));
        }
        for (var i = 0; i < 8; i++)
        {
            events.Add(Events.Purchase($"l{i}", "L", $"l{i}", day: 40 + i % 5, location: "Spain"));
        }
        await silo.Grains.GetGrain<IEventIngestGrain>(0).Track(events);
    }
}
