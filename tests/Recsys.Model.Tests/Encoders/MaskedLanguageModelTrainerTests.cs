using Recsys.Model.Checkpoints;
using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;
using Recsys.Model.Text;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Encoders;

[Collection(TorchCollection.Name)]
public sealed class MaskedLanguageModelTrainerTests
{
    private static readonly MaskedLanguageModelTrainingOptions Options = new() { Epochs = 12, BatchSize = 8, LearningRate = 3e-3, Seed = 9 };

    [SkippableFact]
    public void The_loss_falls_and_the_model_learns_the_catalogs_patterns()
    {
        TorchCollection.RequireLibTorch();
        TorchRuntime.Seed(1);
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        var before = MaskedLanguageModelTrainer.Evaluate(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options);

        var report = MaskedLanguageModelTrainer.Train(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options);
        var after = MaskedLanguageModelTrainer.Evaluate(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options);

        Assert.Equal(Options.Epochs, report.EpochLosses.Count);
        Assert.Equal(Options.Epochs * 6, report.Steps);
        Assert.Equal(TinyCatalog.Titles.Count, report.Texts);
        Assert.True(report.EpochLosses[^1] < 0.6 * report.EpochLosses[0], string.Join(", ", report.EpochLosses));
        Assert.True(after.Loss < 0.6 * before.Loss, $"{before} -> {after}");
        Assert.True(after.Accuracy > before.Accuracy + 0.2, $"{before} -> {after}");
        Assert.False(model.training);
    }

    [SkippableFact]
    public void The_same_seed_trains_the_same_model()
    {
        TorchCollection.RequireLibTorch();

        var (firstLosses, firstWeights) = TrainOnce();
        var (secondLosses, secondWeights) = TrainOnce();

        Assert.Equal(firstLosses, secondLosses);
        Assert.Equal(firstWeights, secondWeights);
    }

    [SkippableFact]
    public void Progress_counts_every_step_of_every_epoch()
    {
        TorchCollection.RequireLibTorch();
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        var reports = new List<TrainingProgress>();

        MaskedLanguageModelTrainer.Train(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options with { Epochs = 2 },
            new SynchronousProgress<TrainingProgress>(reports.Add));

        Assert.Equal(Enumerable.Range(1, 12), reports.Select(report => report.Step));
        Assert.All(reports, report => Assert.Equal((2, 12), (report.Epochs, report.Steps)));
        Assert.Equal([.. Enumerable.Repeat(1, 6), .. Enumerable.Repeat(2, 6)], reports.Select(report => report.Epoch));
        Assert.All(reports, report => Assert.InRange(report.Loss, 0.01, 20));
    }

    [SkippableFact]
    public void Training_and_evaluation_leave_no_tensor_behind()
    {
        TorchCollection.RequireLibTorch();
        // Built before counting: TorchSharp's Parameter constructor leaves TotalCount one higher for good.
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        var before = TorchCollection.StartCountingTensors();

        MaskedLanguageModelTrainer.Train(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options with { Epochs = 2 });
        MaskedLanguageModelTrainer.Evaluate(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options);

        TorchCollection.CollectGarbage();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void Pretraining_from_scratch_learns_a_vocabulary_and_saves_a_loadable_encoder()
    {
        TorchCollection.RequireLibTorch();
        using var folder = new TempDirectory();

        using var pretrained = TextEncoderPretraining.FromScratch(TinyCatalog.Titles, shape: TinyCatalog.Config,
            training: Options with { Epochs = 2 });
        pretrained.Save(folder.Path);
        using var encoder = BertEncoder.Load(folder.Path);

        Assert.Equal(pretrained.Tokenizer.Vocabulary.Count, pretrained.Encoder.Config.VocabSize);
        Assert.Equal(TinyCatalog.Config.MaxPositionEmbeddings, pretrained.Tokenizer.Options.ModelMaxLength);
        Assert.Equal(pretrained.Encoder.state_dict()["embeddings.word_embeddings.weight"].data<float>().ToArray(),
            encoder.state_dict()["embeddings.word_embeddings.weight"].data<float>().ToArray());
    }

    [SkippableFact]
    public void Fine_tuning_continues_the_training_of_a_hugging_face_checkpoint()
    {
        TorchCollection.RequireLibTorch();
        var tokenizer = BertTokenizer.Load(TinyBert.Directory);
        MaskedLanguageModelEvaluation before;
        using (var original = MaskedLanguageModel.Load(TinyBert.Directory))
        {
            before = MaskedLanguageModelTrainer.Evaluate(original, tokenizer, TinyCatalog.Titles, Options);
        }

        using var tuned = TextEncoderPretraining.FineTune(TinyBert.Directory, TinyCatalog.Titles, Options with { Epochs = 4 });
        var after = MaskedLanguageModelTrainer.Evaluate(tuned.Model, tuned.Tokenizer, TinyCatalog.Titles, Options);

        Assert.Equal(BertConfig.Load(TinyBert.File(BertConfig.FileName)), tuned.Encoder.Config);
        Assert.Equal(tokenizer.Vocabulary.Tokens, tuned.Tokenizer.Vocabulary.Tokens);
        Assert.True(after.Loss < 0.8 * before.Loss && after.Accuracy > before.Accuracy + 0.1, $"{before} -> {after}");
    }

    private static (IReadOnlyList<double> Losses, float[] Weights) TrainOnce()
    {
        TorchRuntime.Seed(2);
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        var report = MaskedLanguageModelTrainer.Train(model, TinyCatalog.Tokenizer, TinyCatalog.Titles, Options with { Epochs = 2 });
        return (report.EpochLosses, model.parameters().SelectMany(parameter => parameter.data<float>().ToArray()).ToArray());
    }
}
