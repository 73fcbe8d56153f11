using System.Text;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Recsys.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Recsys.Silo.Tests;

/// <summary>The learned model served by a real silo: online answers equal the offline evaluation's lists, swaps drop
/// nothing, and the mix answers (saying why) when the model cannot.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class ModelServingTests(TrainedModel model)
{
    private const int SampledCases = 30;

    /// <summary>A silo serving the model. Its timeout is long unless a test sets one: a cold silo on a busy machine must
    /// not answer with the mix where a test checks the model's answers.</summary>
    private Task<TestSilo> StartWithModel(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Recsys:Model:Path"] = model.Directory,
            ["Recsys:Model:Timeout"] = "00:00:30",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return TestSilo.Start(configuration);
    }

    [SkippableFact]
    public async Task Replayed_customers_get_over_http_the_top_10_the_offline_evaluation_scores_for_the_same_checkpoint_and_cutoff()
    {
        var split = EvaluationSplit.Create(model.Data.Baskets, TrainedModel.Cutoff);
        var cases = split.TestCases.Where((_, index) => index % (split.TestCases.Count / SampledCases) == 0).Take(SampledCases).ToList();
        using var checkpoint = RecommenderCheckpoint.Load(model.Directory, ComputeDevice.Cpu);
        using var offline = checkpoint.Prepare(model.Data.Baskets, TrainedModel.Cutoff, model.Data.Catalog);
        await using var silo = await StartWithModel();
        var customers = cases.Select(testCase => testCase.Query.CustomerId).ToHashSet();
        await silo.Client.Track(BasketEvents.ToEvents(split.History.Where(basket => customers.Contains(basket.CustomerId))));

        foreach (var testCase in cases)
        {
            var query = testCase.Query;
            var online = await silo.Client.Recommend(query.CustomerId,
                new RecommendationRequest { Count = OfflineEvaluator.K, At = query.Time, Location = query.Country });

            Assert.Null(online.Fallback);
            Assert.Equal(RecommendationGrain.Strategy, online.Strategy);
            Assert.Equal(model.Version, online.ModelVersion);
            Assert.Equal(offline.Recommend(query, OfflineEvaluator.K), online.Items.Select(item => item.ItemId));
            Assert.All(online.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Reason)));
        }
    }

    [SkippableFact]
    public async Task The_mix_answers_and_says_why_for_a_user_the_snapshot_does_not_know_and_a_moment_before_it()
    {
        await using var silo = await StartWithModel();
        var known = model.Data.Baskets.First(basket => basket.Time < TrainedModel.Cutoff).CustomerId;

        var stranger = await silo.Client.Recommend(Sample.Id("stranger"), new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(3) });
        var early = await silo.Client.Recommend(known, new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(-3) });
        var status = await silo.Http.GetFromJsonAsync<ModelStatus>("/v1/admin/model", RecsysJson.Options);

        Assert.Equal("baseline-mix/1", stranger.Strategy);
        Assert.Null(stranger.ModelVersion);
        Assert.Contains("holds no purchase of this user", stranger.Fallback);
        Assert.Equal("baseline-mix/1", early.Strategy);
        Assert.Contains("before the model's snapshot", early.Fallback);
        Assert.Equal(model.Version, status!.Version);
        Assert.Equal(TrainedModel.Cutoff, status.Cutoff);
        Assert.Equal("cpu", status.Device);
        Assert.True(status.Customers > 100 && status.Items > 500, $"{status.Customers} customers, {status.Items} items");
    }

    [SkippableFact]
    public async Task Swapping_the_model_while_requests_run_fails_none_and_later_requests_get_the_new_version()
    {
        var next = model.CopyAsAnotherVersion();
        var nextVersion = RecommenderCheckpoint.ContentVersion(next);
        // Loading the next model takes the CPU for a second or two: the long timeout keeps the mix out meanwhile.
        await using var silo = await StartWithModel();
        var users = model.Data.Baskets.Where(basket => basket.Time < TrainedModel.Cutoff).Select(basket => basket.CustomerId)
            .Distinct().Take(20).ToList();
        using var stop = new CancellationTokenSource();
        var versions = new System.Collections.Concurrent.ConcurrentBag<string?>();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var list = await silo.Client.Recommend(users[i % users.Count], new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(1) });
                versions.Add(list.ModelVersion);
            }
        })).ToList();

        await Task.Delay(300);
        var missing = await silo.Post("/v1/admin/model", Sample.Json(new { path = Path.Combine(next, "nowhere") }));
        var swapped = await silo.Post("/v1/admin/model", Sample.Json(new { path = next }));
        var afterSwap = await silo.Client.Recommend(users[0], new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(1) });
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var problem = await Problem.Read(missing, 422);
        problem.HasField("path");
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal(nextVersion, (await swapped.Content.ReadFromJsonAsync<ModelStatus>(RecsysJson.Options))!.Version);
        Assert.Equal(nextVersion, afterSwap.ModelVersion);
        Assert.Subset(new HashSet<string?> { model.Version, nextVersion }, versions.ToHashSet());
        Assert.Contains(model.Version, versions);
        Assert.Contains(nextVersion, versions);
    }

    [SkippableFact]
    public async Task Inference_slower_than_the_timeout_gets_the_mix_saying_so()
    {
        // A lone request waits a second in the batcher for company: its 100 ms are up long before its pass.
        await using var silo = await StartWithModel(("Recsys:Model:Timeout", "00:00:00.100"), ("Recsys:Model:MaxWait", "00:00:01"));
        var known = model.Data.Baskets.First(basket => basket.Time < TrainedModel.Cutoff).CustomerId;

        var list = await silo.Client.Recommend(known, new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(1) });

        Assert.Equal("baseline-mix/1", list.Strategy);
        Assert.StartsWith("inference took longer than", list.Fallback);
    }

    [SkippableFact]
    public async Task A_full_queue_answers_503_with_retry_after_and_batches_share_one_pass_of_the_model()
    {
        await using var overloaded = await StartWithModel(("Recsys:Model:QueueCapacity", "1"), ("Recsys:Model:MaxBatch", "1"));
        await using var batching = await StartWithModel(("Recsys:Model:MaxWait", "00:00:00.050"));
        var users = model.Data.Baskets.Where(basket => basket.Time < TrainedModel.Cutoff).Select(basket => basket.CustomerId)
            .Distinct().Take(64).ToList();

        var answers = await Task.WhenAll(users.Select(user => overloaded.Http.GetAsync(
            $"/v1/users/{user}/recommendations?at={TrainedModel.Cutoff.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}")));
        var batched = await Task.WhenAll(users.Select(user => batching.Client.Recommend(user, new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(1) })));

        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.Equal("1", refused[0].Headers.RetryAfter?.ToString());
        Assert.Contains("queue is full", (await Problem.Read(refused[0], 503)).Detail);
        Assert.All(batched, list => Assert.Equal(model.Version, list.ModelVersion));
        var telemetry = batching.App.Services.GetRequiredService<ServingTelemetry>();
        Assert.Equal(users.Count, telemetry.Queries);
        Assert.True(telemetry.Batches < users.Count / 2, $"{telemetry.Batches} batches for {users.Count} requests");
    }

    [SkippableFact]
    public async Task The_orleans_client_gets_model_recommendations_through_the_recommendation_grain()
    {
        await using var silo = await StartWithModel();
        await using var frontend = await silo.ClientFor(Client.RecsysTransport.Orleans);
        var known = model.Data.Baskets.First(basket => basket.Time < TrainedModel.Cutoff).CustomerId;

        var list = await frontend.Client.Recommend(known, new RecommendationRequest { At = TrainedModel.Cutoff.AddDays(1) });

        Assert.Equal(model.Version, list.ModelVersion);
        Assert.Equal(10, list.Items.Count);
    }

    [SkippableFact]
    public async Task Search_fuses_keyword_and_semantic_matches_and_a_new_item_is_found_by_its_title_alone()
    {
        await using var silo = await StartWithModel();
        await silo.Client.UpsertItems(model.Data.Catalog.Values);
        var newcomer = new ItemInfo { Id = Sample.Id("new"), Title = "PAISLEY PARK LANTERN JUMBO DOORMAT" };
        await silo.Client.UpsertItems([newcomer]);

        var semantic = await silo.Client.SearchUntil(new SearchRequest { Query = newcomer.Title, Mode = SearchMode.Semantic },
            results => results.Items.Any(item => item.ItemId == newcomer.Id));
        var hybrid = await silo.Client.Search(new SearchRequest { Query = "hanging heart", Count = 10, Mode = SearchMode.Hybrid });
        var keyword = await silo.Client.Search(new SearchRequest { Query = "hanging heart", Count = 10 });
        var meaning = await silo.Client.Search(new SearchRequest { Query = "hanging heart", Count = 10, Mode = SearchMode.Semantic });

        Assert.Equal("semantic-vectors/1", semantic.Strategy);
        Assert.Equal(model.Version, semantic.ModelVersion);
        Assert.Equal(newcomer.Id, semantic.Items[0].ItemId);
        Assert.Equal("close to the search in meaning", semantic.Items[0].Reason);
        Assert.Equal("hybrid-bm25+vectors/1", hybrid.Strategy);
        Assert.Equal(model.Version, hybrid.ModelVersion);
        Assert.Equal("keyword-bm25/1", keyword.Strategy);
        Assert.Null(keyword.ModelVersion);
        // Fusion keeps the best keyword and semantic matches and nothing else.
        Assert.Contains(keyword.Items[0].ItemId, hybrid.Items.Take(3).Select(item => item.ItemId));
        Assert.Subset(keyword.Items.Concat(meaning.Items).Select(item => item.ItemId).ToHashSet(), hybrid.Items.Select(item => item.ItemId).ToHashSet());
        Assert.NotEqual(keyword.Items.Select(item => item.ItemId), meaning.Items.Select(item => item.ItemId));
    }

    [SkippableFact]
    public async Task Similar_items_add_the_models_nearest_vectors_after_the_items_bought_with_it()
    {
        await using var silo = await StartWithModel();
        await silo.Client.UpsertItems(model.Data.Catalog.Values);
        // Two baskets make the item's only co-occurrence neighbours.
        var item = model.Data.Catalog.Keys.First(id => model.Data.Baskets.Any(basket => basket.Time < TrainedModel.Cutoff && basket.Lines.Any(line => line.ItemId == id)));
        var others = model.Data.Catalog.Keys.Where(id => id != item).Take(2).ToList();
        var buyer = Sample.Id("buyer");
        await silo.Client.Track(others.Select((other, i) => new UserEvent
        {
            EventId = Sample.Id("e"), UserId = buyer, ItemId = other, Type = EventType.Purchase,
            Timestamp = TrainedModel.Cutoff.AddDays(1 + i), BasketId = $"{buyer}-{i}",
        }).Concat(others.Select((_, i) => new UserEvent
        {
            EventId = Sample.Id("e"), UserId = buyer, ItemId = item, Type = EventType.Purchase,
            Timestamp = TrainedModel.Cutoff.AddDays(1 + i), BasketId = $"{buyer}-{i}",
        })));

        var similar = await silo.Client.Similar(item, 20);

        Assert.Equal("co-occurrence+vectors+title/1", similar.Strategy);
        Assert.Equal(model.Version, similar.ModelVersion);
        Assert.Equal(20, similar.Items.Count);
        Assert.DoesNotContain(similar.Items, found => found.ItemId == item);
        Assert.Equal(others.Order(), similar.Items.Take(2).Select(found => found.ItemId).Order());
        Assert.All(similar.Items.Take(2), found => Assert.StartsWith("often bought with ", found.Reason));
        Assert.All(similar.Items.Skip(2), found => Assert.StartsWith("close to ", found.Reason));
        Assert.Equal(similar.Items.OrderByDescending(found => found.Score).Select(found => found.ItemId), similar.Items.Select(found => found.ItemId));
    }


    [SkippableFact]
    public async Task Filters_narrow_the_models_list_and_each_source_fills_it_from_what_passes()
    {
        await using var silo = await StartWithModel();
        // The sample has no categories: its 40 clocks get one, and a few items a standing promotion.
        var clocks = model.Data.Catalog.Values.Where(item => item.Title.Contains("CLOCK", StringComparison.Ordinal)).Select(item => item.Id)
            .ToHashSet();
        var promoted = model.Data.Catalog.Keys.Where(id => !clocks.Contains(id)).Take(40).ToHashSet();
        await silo.Client.UpsertItems(model.Data.Catalog.Values.Select(item => item with
        {
            Category = clocks.Contains(item.Id) ? "Clocks" : "Other",
            OnPromotion = promoted.Contains(item.Id),
        }));
        var customer = Busiest(TrainedModel.Cutoff);
        await silo.Client.Track(BasketEvents.ToEvents(model.Data.Baskets.Where(basket => basket.Time < TrainedModel.Cutoff && basket.CustomerId == customer)));
        var at = TrainedModel.Cutoff.AddDays(1);
        var bought = model.Data.Baskets.Where(basket => basket.Time < TrainedModel.Cutoff && basket.CustomerId == customer)
            .SelectMany(basket => basket.Lines.Select(line => line.ItemId)).ToHashSet();

        var plain = await silo.Client.Recommend(customer, new RecommendationRequest { At = at, Count = 20 });
        var inCategory = await silo.Client.Recommend(customer, new RecommendationRequest { At = at, Count = 20, Category = "clocks" });
        var onlyNew = await silo.Client.Recommend(customer, new RecommendationRequest { At = at, Count = 20, Repeats = false });
        var onPromotion = await silo.Client.Recommend(customer, new RecommendationRequest { At = at, Count = 10, PromotedOnly = true });

        Assert.All(new[] { plain, inCategory, onlyNew, onPromotion }, list => Assert.Equal(model.Version, list.ModelVersion));
        Assert.Contains(plain.Items, item => bought.Contains(item.ItemId));
        Assert.Contains(plain.Items, item => !clocks.Contains(item.ItemId));
        Assert.Equal(20, inCategory.Items.Count);
        Assert.All(inCategory.Items, item => Assert.Contains(item.ItemId, clocks));
        Assert.Equal(20, onlyNew.Items.Count);
        Assert.All(onlyNew.Items, item => Assert.DoesNotContain(item.ItemId, bought));
        Assert.NotEmpty(onPromotion.Items);
        Assert.All(onPromotion.Items, item => Assert.Contains(item.ItemId, promoted));
    }

    [SkippableFact]
    public async Task The_mix_applies_the_same_filters_when_it_answers_for_the_model()
    {
        await using var silo = await StartWithModel();
        var bags = model.Data.Catalog.Values.Where(item => item.Title.Contains(" BAG", StringComparison.Ordinal)).Select(item => item.Id)
            .ToHashSet();
        await silo.Client.UpsertItems(model.Data.Catalog.Values.Select(item => item with { Category = bags.Contains(item.Id) ? "Bags" : "Other" }));
        // Unknown to the snapshot: the mix answers, from these purchases and what the month after the snapshot made
        // popular.
        var stranger = Sample.Id("stranger");
        var month = model.Data.Baskets.Where(basket => basket.Time >= TrainedModel.Cutoff && basket.Time < TrainedModel.Cutoff.AddDays(30)).ToList();
        var basket = month.First(basket => basket.Lines.Count > 5);
        await silo.Client.Track(BasketEvents.ToEvents([.. month, basket with { CustomerId = stranger, Id = $"{basket.Id}-stranger" }]));
        var at = TrainedModel.Cutoff.AddDays(30);

        var plain = await silo.Client.Recommend(stranger, new RecommendationRequest { At = at, Count = 30 });
        var filtered = await silo.Client.Recommend(stranger, new RecommendationRequest { At = at, Count = 30, Category = "BAGS", Repeats = false });

        Assert.Equal("baseline-mix/1", filtered.Strategy);
        Assert.NotNull(filtered.Fallback);
        Assert.Contains(plain.Items, item => basket.Lines.Any(line => line.ItemId == item.ItemId));
        Assert.Contains(plain.Items, item => !bags.Contains(item.ItemId));
        Assert.NotEmpty(filtered.Items);
        Assert.All(filtered.Items, item => Assert.Contains(item.ItemId, bags));
        Assert.All(filtered.Items, item => Assert.DoesNotContain(basket.Lines, line => line.ItemId == item.ItemId));
    }

    [SkippableFact]
    public async Task An_item_upserted_while_a_model_serves_keeps_its_vectors_for_that_version_and_search_uses_them()
    {
        await using var silo = await StartWithModel();
        var newcomer = new ItemInfo { Id = Sample.Id("new"), Title = "PAISLEY PARK LANTERN JUMBO DOORMAT", Category = "Doormats", Price = 7.95 };
        await silo.Client.UpsertItems([newcomer]);
        var grain = silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IItemGrain>(newcomer.Id);

        var kept = await grain.Vectors();
        using var served = silo.App.Services.GetRequiredService<ModelHost>().Use();
        var expected = CatalogVectors.Encode(served!.Model.Recommender, newcomer);
        var found = await silo.Client.SearchUntil(new SearchRequest { Query = newcomer.Title, Mode = SearchMode.Semantic },
            results => results.Items.Any(item => item.ItemId == newcomer.Id));
        var unknown = await silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IItemGrain>(Sample.Id("none")).Vectors();

        Assert.NotNull(kept);
        Assert.Equal(model.Version, kept.ModelVersion);
        Assert.Equal(expected.Item, kept.Item);
        Assert.Equal(expected.Text, kept.Text);
        Assert.Equal(newcomer.Id, found.Items[0].ItemId);
        Assert.Null(unknown);
        // The search's index took the grain's item vector (title, category and price), not one from the title alone.
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(kept.Item);
        Assert.All(served.Model.Vectors.Items.VectorOf(newcomer.Id).ToArray().Zip(kept.Item),
            pair => Assert.Equal(pair.Second / norm, pair.First, 1e-5f));
    }

    /// <summary>The customer with the most baskets before <paramref name="cutoff"/>: enough purchases that filters
    /// bite.</summary>
    private string Busiest(DateTimeOffset cutoff) =>
        model.Data.Baskets.Where(basket => basket.Time < cutoff).GroupBy(basket => basket.CustomerId)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal).First().Key;

    [SkippableFact]
    public async Task A_model_path_device_or_thread_count_that_cannot_serve_stops_the_silo_naming_it()
    {
        _ = model.Directory;
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Model:Path"] = nowhere }));
        var device = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Model:Device"] = "tpu" }));
        var threads = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.Start(new Dictionary<string, string?> { ["Recsys:Model:InferenceThreads"] = "0" }));

        Assert.Contains(nowhere, missing.Message);
        Assert.Contains("Recsys:Model:Device", device.Message);
        Assert.Contains("Recsys:Model:InferenceThreads", threads.Message);
    }

    [Fact]
    public async Task Without_a_model_the_mix_answers_and_the_admin_endpoint_says_none_is_loaded()
    {
        await using var silo = await TestSilo.Start();

        var list = await silo.Client.Recommend(Sample.Id("u"), new RecommendationRequest());
        var status = await silo.Http.GetAsync("/v1/admin/model");

        Assert.Equal("baseline-mix/1", list.Strategy);
        Assert.Equal("no model is loaded", list.Fallback);
        Assert.Contains("No model is loaded", (await Problem.Read(status, 404)).Detail);
    }
}
