using Recsys.Grains.Interfaces;
using Recsys.Model.Data;
using Recsys.Model.Evaluation;
using Recsys.Model.Ranking;
using Recsys.Model.Recommender;
using Recsys.Model.Tests.Support;
using Recsys.Model.Checkpoints;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;
using TorchSharp;

namespace Recsys.Model.Tests.Recommender;

[Collection(TorchCollection.Name)]
public sealed class RecommenderTrainingTests
{
    [SkippableFact]
    public void A_saved_and_loaded_model_gives_the_same_scores_and_rankings()
    {
        TorchCollection.RequireLibTorch();
        using var temp = new TempDirectory();
        using var trained = TinyRecommender.Train();
        RecommenderCheckpoint.Save(trained, temp.Path);
        using var loaded = RecommenderCheckpoint.Load(temp.Path, ComputeDevice.Cpu);

        Assert.All(RecommenderCheckpoint.FileNames, name => Assert.True(File.Exists(Path.Combine(temp.Path, name))));
        Assert.Equal(trained.ParameterCount, loaded.ParameterCount);
        using var before = Prepare(trained);
        using var after = Prepare(loaded);
        foreach (var query in TinyRecommender.Queries())
        {
            var candidates = RankingCandidates.Create(before.History, query);
            Assert.Equal(before.Logits(candidates), after.Logits(candidates));
            Assert.Equal(before.Recommend(query, 10), after.Recommend(query, 10));
        }
    }

    [SkippableFact]
    public void A_model_with_a_frozen_bert_title_encoder_saves_and_loads_it()
    {
        TorchCollection.RequireLibTorch();
        using var temp = new TempDirectory();
        using var trained = TinyRecommender.Train(textEncoder: TinyBert.Directory);
        var bert = Assert.IsType<BertTitleTower>(trained.Network.Items.Text);
        using var original = Model.Encoders.BertEncoder.Load(TinyBert.Directory);
        RecommenderCheckpoint.Save(trained, temp.Path);
        using var loaded = RecommenderCheckpoint.Load(temp.Path, ComputeDevice.Cpu);

        // Frozen: training left the encoder's weights as the checkpoint had them.
        Assert.Equal(original.Embeddings.WordEmbeddingWeight.data<float>().ToArray(),
            bert.Encoder.Embeddings.WordEmbeddingWeight.data<float>().ToArray());
        Assert.True(File.Exists(Path.Combine(temp.Path, RecommenderCheckpoint.TextEncoderConfigFileName)));
        Assert.Equal(File.ReadAllLines(Path.Combine(TinyBert.Directory, "vocab.txt")), File.ReadAllLines(Path.Combine(temp.Path, "vocab.txt")));
        using var before = Prepare(trained);
        using var after = Prepare(loaded);
        foreach (var query in TinyRecommender.Queries())
        {
            var candidates = RankingCandidates.Create(before.History, query);
            Assert.Equal(before.Logits(candidates), after.Logits(candidates));
        }
    }

    [SkippableFact]
    public void The_weights_file_has_clear_dotted_names_and_holds_the_feature_scorer()
    {
        TorchCollection.RequireLibTorch();
        using var temp = new TempDirectory();
        using var trained = TinyRecommender.Train();
        RecommenderCheckpoint.Save(trained, temp.Path);

        using var file = SafeTensorsFile.Open(Path.Combine(temp.Path, RecommenderCheckpoint.WeightsFileName));
        var names = file.Entries.Select(entry => entry.Name).ToList();
        Assert.Contains("item_tower.id_embeddings.weight", names);
        Assert.Contains("item_tower.text.piece_embeddings.weight", names);
        Assert.Contains("user_encoder.layers.0.query.weight", names);
        Assert.Contains("user_encoder.scene.embeddings.2.weight", names);
        Assert.Contains("ranking_head.hidden.weight", names);
        Assert.Contains("feature_scorer.hidden.weight", names);
        Assert.Equal([TinyRecommender.Config.Dimension, 1L * trained.Pipeline.Items.ItemRows],
            file.GetEntry("item_tower.id_embeddings.weight").Shape.Reverse());
    }

    [SkippableFact]
    public void Loading_a_directory_without_its_files_names_what_is_missing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, RecommenderCheckpoint.ConfigFileName), "{}");

        var error = Assert.Throws<FileNotFoundException>(() => RecommenderCheckpoint.Load(temp.Path, ComputeDevice.Cpu));

        Assert.EndsWith("lacks vocab.txt, tokenizer_config.json, model.safetensors, feature_pipeline.json", error.Message);
    }

    [SkippableFact]
    public void The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        TorchCollection.RequireLibTorch();
        using var first = TinyRecommender.Train();
        using var second = TinyRecommender.Train();
        using var reseeded = TinyRecommender.Train(TinyRecommender.Config with { Seed = 18 });

        var again = second.Network.state_dict();
        foreach (var (name, weights) in first.Network.state_dict())
        {
            Assert.Equal(weights.data<float>().ToArray(), again[name].data<float>().ToArray());
        }

        Assert.Equal(first.FeatureScorer.Parameters, second.FeatureScorer.Parameters);
        Assert.NotEqual(first.Network.Head.Hidden.weight.data<float>().ToArray(),
            reseeded.Network.Head.Hidden.weight.data<float>().ToArray());
    }

    [SkippableFact]
    public void Training_lowers_each_stage_loss_and_leaks_no_tensor()
    {
        TorchCollection.StartCountingTensors();
        // Counted on this thread, where training runs: Tensor.TotalCount would not come back, because TorchSharp
        // 0.107's Parameter(Tensor), which Linear and LayerNorm make their parameters with, moves the tensor's handle
        // without lowering the count. A tensor left to the garbage collector counts here as leaked.
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var losses = new List<TrainingStageProgress>();
        using (var model = TinyRecommender.Train(TinyRecommender.Config with { Epochs = 4, HeadEpochs = 4 },
                   progress: new SynchronousProgress<TrainingStageProgress>(losses.Add)))
        {
            using var method = Prepare(model);
            Assert.All(TinyRecommender.Queries(), query => Assert.Equal(10, method.Recommend(query, 10).Distinct().Count()));
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        foreach (var stage in new[] { "towers before", "ranking head" })
        {
            var epochLosses = losses.Where(p => p.Stage.StartsWith(stage, StringComparison.Ordinal) && p.Completed == p.Total && p.Loss is not null)
                .Select(p => p.Loss!.Value)
                .ToList();
            Assert.Equal(4, epochLosses.Count);
            Assert.True(epochLosses[^1] < epochLosses[0], $"{stage}: {string.Join(", ", epochLosses)}");
        }
    }

    [SkippableFact]
    public void Items_the_model_never_saw_get_a_vector_from_their_title_category_and_price()
    {
        TorchCollection.RequireLibTorch();
        using var model = TinyRecommender.Train();
        using var scope = torch.NewDisposeScope();
        var twin = ItemDescription.Create("new-1", "LINEA DESIGNZ BAG", "bags", Math.Log(3));
        ItemDescription[] items = [twin, twin with { Id = "new-2" }, twin with { Id = "new-3", Title = "LINEB DESIGNZ BAG" }];
        var universe = ItemUniverse.Of(items);
        using var inputs = universe.ToInputs(model.Pipeline.Items, model.Tokenizer, model.Config.MaxTitleTokens, torch.CPU);
        using var noGrad = torch.no_grad();
        var vectors = model.Network.Items.Forward(inputs);

        Assert.All(inputs.IdRows.data<long>().ToArray(), row => Assert.Equal(ItemVocabulary.Unknown, row));
        Assert.True(vectors.data<float>().ToArray().All(float.IsFinite));
        Assert.Equal(vectors.select(0, 0).data<float>().ToArray(), vectors.select(0, 1).data<float>().ToArray());
        Assert.True((vectors.select(0, 0) - vectors.select(0, 2)).abs().sum().item<float>() > 1e-3f,
            "the title must reach the vector of an item without history");
    }

    [SkippableFact]
    public void Retrieval_scores_every_item_for_each_customer_and_a_batch_gives_each_query_its_own_vector()
    {
        TorchCollection.RequireLibTorch();
        using var model = TinyRecommender.Train();
        using var method = Prepare(model);
        var queries = TinyRecommender.Queries();
        var dimension = model.Config.Dimension;

        var users = method.UserVectors([queries[0], queries[1]]);
        var items = method.ItemVectors();
        float[] Scores(int user) => Enumerable.Range(0, method.Universe.Count)
            .Select(item => System.Numerics.Tensors.TensorPrimitives.Dot(users.AsSpan(user * dimension, dimension),
                items.AsSpan(item * dimension, dimension)))
            .ToArray();

        Assert.Equal(2 * dimension, users.Length);
        Assert.Equal(method.Universe.Count * dimension, items.Length);
        Assert.All(Scores(0), score => Assert.True(float.IsFinite(score)));
        Assert.NotEqual(Scores(0), Scores(1));
        Assert.Equal(users.AsSpan(dimension, dimension).ToArray(), method.UserVectors([queries[1]]), new Tolerance(1e-5));
    }

    [SkippableFact]
    public void The_model_trains_and_ranks_on_cuda()
    {
        TorchCollection.RequireLibTorch();
        Skip.IfNot(TorchRuntime.CudaDeviceCount > 0, $"CUDA is not available to libtorch {torch.__version__} here");
        using var model = TinyRecommender.Train(device: ComputeDevice.Cuda(0));
        using var method = Prepare(model);

        Assert.Equal(ComputeDevice.Cuda(0), ComputeDevice.Of(model.Network.Head.Hidden.weight.device));
        Assert.All(TinyRecommender.Queries(), query => Assert.Equal(10, method.Recommend(query, 10).Count));
    }

    [SkippableFact]
    public void A_model_refuses_a_cutoff_before_its_training_data_ends()
    {
        TorchCollection.RequireLibTorch();
        using var model = TinyRecommender.Train();

        var error = Assert.Throws<ArgumentException>(() =>
            model.Prepare(TinyRecommender.Baskets, TinyRecommender.Cutoff.AddDays(-1), TinyRecommender.Catalog));
        Assert.Contains("trained on baskets up to", error.Message);
    }

    private static SequenceRecommendMethod Prepare(TrainedRecommender model) =>
        model.Prepare(TinyRecommender.Baskets, TinyRecommender.Cutoff, TinyRecommender.Catalog);
}
