using System.Text.Json;
using Recsys.Model.Ranking;
using Recsys.Model.Recommender;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;

namespace Recsys.Model.Tests.Recommender;

[Collection(TorchCollection.Name)]
public sealed class PrePortCheckpointTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-recommender");

    /// <summary>Fixtures/tiny-recommender was written by the first libtorch binding (Model/native + Model/Torch,
    /// libtorch 1.13) with the logits it computed: TorchSharp must read the same parameter names and score alike
    /// (its fused attention kernel rounds differently, hence the tolerance).</summary>
    [SkippableFact]
    public void A_checkpoint_written_by_the_first_libtorch_binding_loads_and_scores_as_it_did()
    {
        TorchCollection.RequireLibTorch();
        var expected = JsonSerializer.Deserialize<List<ExpectedList>>(File.ReadAllText(Path.Combine(Directory, "expected.json")))!;
        using var model = RecommenderCheckpoint.Load(Directory, ComputeDevice.Cpu);
        using var method = model.Prepare(TinyRecommender.Baskets, TinyRecommender.Cutoff, TinyRecommender.Catalog);
        var queries = TinyRecommender.Queries();

        Assert.Equal(20, expected.Count);
        foreach (var list in expected)
        {
            var query = queries.Single(q => q.CustomerId == list.CustomerId && q.Time == list.Time);
            var logits = method.Logits(RankingCandidates.Create(method.History, query));
            Assert.Equal(list.Logits.Length, logits.Length);
            for (var i = 0; i < logits.Length; i++)
            {
                Assert.InRange(logits[i], list.Logits[i] - 1e-4f, list.Logits[i] + 1e-4f);
            }

            Assert.Equal(list.Top, method.Recommend(query, 10));
        }
    }

    private sealed record ExpectedList(string CustomerId, DateTimeOffset Time, float[] Logits, string[] Top);
}
