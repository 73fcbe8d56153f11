using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;
using TorchSharp;

namespace Recsys.Model.Tests.Recommender;

[Collection(TorchCollection.Name)]
public sealed class ServedRecommenderTests
{
    [SkippableFact]
    public void A_served_checkpoint_answers_every_query_with_the_list_the_offline_evaluation_scores_in_any_batching()
    {
        using var checkpoint = new ServedCheckpoint();
        using var offline = checkpoint.Trained.Prepare(TinyRecommender.Baskets, TinyRecommender.Cutoff, TinyRecommender.Catalog);
        var served = checkpoint.Served;
        var queries = TinyRecommender.Queries();

        var expected = queries.Select(query => offline.Recommend(query, 10)).ToList();
        foreach (var batchSize in new[] { 1, 3, queries.Count })
        {
            var lists = queries.Chunk(batchSize).SelectMany(batch => served.Rank(batch.Select(Ask).ToList())).ToList();
            Assert.Equal(expected, lists.Select(list => list.Select(item => item.ItemId).ToList()));
        }

        // A customer without candidates in the middle of a batch leaves the others' rows where they were.
        var stranger = Ask(queries[0]) with { CustomerId = "nobody" };
        var mixed = served.Rank([Ask(queries[0]), stranger, Ask(queries[1])]);
        Assert.Equal(expected[0], mixed[0].Select(item => item.ItemId));
        Assert.Equal(expected[1], mixed[2].Select(item => item.ItemId));
        Assert.Equal(offline.Recommend(queries[0] with { CustomerId = "nobody" }, 10), mixed[1].Select(item => item.ItemId));
        Assert.All(mixed[1], item => Assert.Equal(RecommendationSource.Popular, item.Source));

        Assert.Equal(TinyRecommender.Cutoff, served.Cutoff);
        Assert.All(queries, query => Assert.True(served.Knows(query.CustomerId)));
        Assert.False(served.Knows("nobody"));
    }

    [SkippableFact]
    public void Reasons_and_scores_come_from_the_snapshot_and_exclusions_and_counts_are_kept()
    {
        using var checkpoint = new ServedCheckpoint();
        var served = checkpoint.Served;
        var queries = TinyRecommender.Queries();
        var history = TinyRecommender.Baskets.Where(basket => basket.Time < TinyRecommender.Cutoff).ToList();

        var lists = served.Rank(queries.Select(Ask).ToList());
        var repeats = 0;
        foreach (var (query, item) in queries.Zip(lists).SelectMany(pair => pair.Second.Select(item => (pair.First, item))))
        {
            Assert.InRange(item.Score, 0, 1);
            Assert.Equal(TinyRecommender.Catalog[item.ItemId].Title, item.Title);
            if (item.Source == RecommendationSource.Repeat)
            {
                repeats++;
                var bought = history.Where(basket => basket.CustomerId == query.CustomerId && basket.Lines.Any(line => line.ItemId == item.ItemId)).ToList();
                var last = bought[^1].Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(bought.Count == 1 ? $"bought before (on {last})" : $"bought before ({bought.Count} times, last on {last})", item.Reason);
            }
            else if (item.Source == RecommendationSource.CoOccurrence)
            {
                Assert.StartsWith("often bought with LINE", item.Reason);
            }
        }

        Assert.True(repeats > 0, "no list held an item bought before");
        var excluded = lists[0].Take(3).Select(item => item.ItemId).ToHashSet();
        var shorter = served.Rank([Ask(queries[0]) with { Count = 4, ExcludedItemIds = excluded }])[0];
        Assert.Equal(4, shorter.Count);
        Assert.DoesNotContain(shorter, item => excluded.Contains(item.ItemId));
    }

    [SkippableFact]
    public void A_filtered_query_lists_only_what_passes_and_retrieves_by_the_user_vector_what_its_sources_lack()
    {
        using var checkpoint = new ServedCheckpoint();
        var served = checkpoint.Served;
        var sold = TinyRecommender.Baskets.Where(basket => basket.Time < TinyRecommender.Cutoff)
            .SelectMany(basket => basket.Lines.Select(line => line.ItemId)).ToHashSet();
        HashSet<string> Bought(string customer) => TinyRecommender.Baskets
            .Where(basket => basket.Time < TinyRecommender.Cutoff && basket.CustomerId == customer)
            .SelectMany(basket => basket.Lines.Select(line => line.ItemId)).ToHashSet();
        // A customer whose list re-offers an item: refusing repeats must change it.
        var (query, plain, bought) = TinyRecommender.Queries().Select(Ask)
            .Select(ask => (Query: ask, List: served.Rank([ask])[0], Bought: Bought(ask.CustomerId)))
            .First(asked => asked.List.Any(item => asked.Bought.Contains(item.ItemId)));
        // Items the plain list leaves out, so the usual sources propose few of them if any.
        var allowed = sold.Where(id => plain.All(item => item.ItemId != id)).Order(StringComparer.Ordinal).Take(6).ToHashSet();
        var live = new PurchasedBasket { Time = query.Time.AddHours(-1), ItemIds = [plain[^1].ItemId] };

        var lists = served.Rank([query, query with { Allows = allowed.Contains }, query with { Repeats = false, LiveBaskets = [live] }]);

        Assert.Equal(plain.Select(item => item.ItemId), lists[0].Select(item => item.ItemId));
        Assert.Equal(allowed.Order(StringComparer.Ordinal), lists[1].Select(item => item.ItemId).Order(StringComparer.Ordinal));
        // Retrieval proposes every allowed item (fewer than it takes); the other sources none but those.
        var prepared = served.Prepare(query with { Allows = allowed.Contains }).Candidates;
        Assert.Equal(allowed.Order(StringComparer.Ordinal), prepared.ItemIds.Order(StringComparer.Ordinal));
        Assert.All(prepared.Sources, sources => Assert.True(sources.HasFlag(CandidateSources.Retrieval)));
        Assert.Equal(10, lists[2].Count);
        Assert.All(lists[2], item => Assert.DoesNotContain(item.ItemId, bought));
        Assert.DoesNotContain(lists[2], item => item.ItemId == live.ItemIds[0]);
    }

    [SkippableFact]
    public void Baskets_bought_after_the_snapshot_are_the_newest_items_of_the_users_sequence()
    {
        TorchCollection.RequireLibTorch();
        using var trained = TinyRecommender.Train();
        using var method = trained.Prepare(TinyRecommender.Baskets, TinyRecommender.Cutoff, TinyRecommender.Catalog);
        var query = TinyRecommender.Queries()[0];
        var sequences = PurchaseSequences.Of(TinyRecommender.Baskets.Where(basket => basket.Time < query.Cutoff), method.Universe);
        var live = new PurchasedBasket { Time = query.Time.AddDays(-1), ItemIds = ["i1", "unknown-item", "i2"] };
        var later = new PurchasedBasket { Time = query.Time.AddDays(1), ItemIds = ["i3"] };
        var length = TinyRecommender.Config.SequenceLength;
        using var scope = torch.NewDisposeScope();

        var without = sequences.ToInputs([query], trained.Pipeline.Scenes, length, torch.CPU).Items.data<long>().ToArray();
        var with = sequences.ToInputs([query], trained.Pipeline.Scenes, length, torch.CPU, [[live, later]]).Items.data<long>().ToArray();

        method.Universe.TryGetIndex("i1", out var first);
        method.Universe.TryGetIndex("i2", out var second);
        // The unknown item and the basket after the query's time are left out; older purchases shift left.
        Assert.Equal([first, second], with[^2..]);
        Assert.Equal(without[2..], with[..^2]);
        var logits = method.Logits([RankingCandidates.Create(method.History, query)], [[live]])[0];
        Assert.NotEqual(method.Logits(RankingCandidates.Create(method.History, query)), logits);
    }

    [SkippableFact]
    public void Every_tensor_of_a_served_call_is_freed_by_the_end_of_the_call()
    {
        using var checkpoint = new ServedCheckpoint();
        var served = checkpoint.Served;
        var queries = TinyRecommender.Queries().Select(Ask).ToList();
        served.Rank(queries);
        // Counted on this thread: a tensor left to the garbage collector counts as leaked.
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        served.Rank(queries);
        served.Rank([queries[0] with { Repeats = false }]);
        served.ItemVectors([.. TinyRecommender.Catalog.Values.Take(5)]);
        served.TextVectors(["LUNCH BAG", "RED CANDLE"]);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(torch.is_grad_enabled(), "a call must leave gradients on as it found them");
    }

    [SkippableFact]
    public void A_query_before_the_snapshot_is_refused_because_the_snapshot_holds_its_future()
    {
        using var checkpoint = new ServedCheckpoint();
        var served = checkpoint.Served;
        var query = Ask(TinyRecommender.Queries()[0]) with { Time = TinyRecommender.Cutoff.AddSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => served.Rank([query]));

        Assert.Contains("before the model's snapshot", error.Message);
    }

    [Fact]
    public void The_snapshot_keeps_the_baskets_before_its_cutoff_and_the_catalog_of_their_items()
    {
        using var temp = new TempDirectory();
        var catalog = TinyRecommender.Catalog.Append(new("never-sold", new ItemInfo { Id = "never-sold", Title = "NEVER SOLD" }))
            .ToDictionary();

        ServingSnapshot.Of(TinyRecommender.Baskets, TinyRecommender.Cutoff, catalog).Save(temp.Path);
        var loaded = ServingSnapshot.Load(temp.Path);

        var expected = TinyRecommender.Baskets.Where(basket => basket.Time < TinyRecommender.Cutoff).ToList();
        Assert.Equal(TinyRecommender.Cutoff, loaded.Cutoff);
        Assert.Equal(expected.Select(Describe), loaded.Baskets.Select(Describe));
        Assert.Equal(expected.SelectMany(basket => basket.Lines).Select(line => line.ItemId).Distinct().Order(),
            loaded.Catalog.Keys.Order());
        Assert.Equal(TinyRecommender.Catalog["i3"], loaded.Catalog["i3"]);
    }

    [Fact]
    public void A_checkpoint_without_a_snapshot_says_how_to_get_one()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => ServingSnapshot.Load(temp.Path));

        Assert.Contains("recsys train", error.Message);
    }

    [Fact]
    public void The_content_version_is_the_same_for_a_copy_and_changes_with_any_byte_of_any_file()
    {
        using var temp = new TempDirectory();
        temp.Write("config.json", "{}");
        temp.Write("snapshot/snapshot.json", "{\"cutoff\":1}");
        using var copy = new TempDirectory();
        copy.Write("config.json", "{}");
        copy.Write("snapshot/snapshot.json", "{\"cutoff\":1}");

        var version = RecommenderCheckpoint.ContentVersion(temp.Path);

        Assert.Matches("^sha256:[0-9a-f]{16}$", version);
        Assert.Equal(version, RecommenderCheckpoint.ContentVersion(copy.Path));
        copy.Write("snapshot/snapshot.json", "{\"cutoff\":2}");
        Assert.NotEqual(version, RecommenderCheckpoint.ContentVersion(copy.Path));
        // A file's name is part of the content: moving bytes between files is a change.
        File.Move(temp.File("config.json"), temp.File("other.json"));
        Assert.NotEqual(version, RecommenderCheckpoint.ContentVersion(temp.Path));
    }

    /// <summary>A tiny model trained, saved with its snapshot as <c>recsys train</c> saves it, and loaded to serve.</summary>
    private sealed class ServedCheckpoint : IDisposable
    {
        private readonly TempDirectory directory;

        public ServedCheckpoint()
        {
            TorchCollection.RequireLibTorch();
            directory = new TempDirectory();
            Trained = TinyRecommender.Train();
            RecommenderCheckpoint.Save(Trained, directory.Path, TinyRecommender.Baskets, TinyRecommender.Cutoff, TinyRecommender.Catalog);
            Served = ServedRecommender.Load(directory.Path, ComputeDevice.Cpu);
        }

        public TrainedRecommender Trained { get; }

        public ServedRecommender Served { get; }

        public void Dispose()
        {
            Served.Dispose();
            Trained.Dispose();
            directory.Dispose();
        }
    }

    private static ServedQuery Ask(RecommendationQuery query) =>
        new(query.CustomerId, query.Time, query.Country, query.Device, query.OnPromotion, [], 10, new HashSet<string>());

    private static string Describe(Basket basket) =>
        $"{basket.Id} {basket.CustomerId} {basket.Time:O} {basket.Country} "
        + string.Join(",", basket.Lines.Select(line => $"{line.ItemId}x{line.Quantity}@{line.UnitPrice}"));
}
