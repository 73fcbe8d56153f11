using Recsys.Model.Checkpoints;
using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Encoders;

[Collection(TorchCollection.Name)]
public sealed class MaskedLanguageModelTests
{
    [SkippableFact]
    public void The_head_has_hugging_face_names_and_no_decoder_weight_of_its_own()
    {
        TorchCollection.RequireLibTorch();
        using var model = new MaskedLanguageModel(TinyCatalog.Config);

        var names = model.named_parameters().Select(named => named.name).ToList();

        Assert.Equal(BertParameterNames.Expected(TinyCatalog.Config).Select(parameter => "bert." + parameter.Name), names.Take(names.Count - 5));
        Assert.Equal(
        [
            "cls.predictions.bias", "cls.predictions.transform.dense.weight", "cls.predictions.transform.dense.bias",
            "cls.predictions.transform.LayerNorm.weight", "cls.predictions.transform.LayerNorm.bias",
        ], names.TakeLast(5));
    }

    [SkippableFact]
    public void The_decoder_shares_storage_and_gradients_with_the_word_embedding()
    {
        using var scope = TorchCollection.OpenScope();
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        model.eval();
        var words = model.Bert.Embeddings.WordEmbeddingWeight;
        var (inputIds, attentionMask) = TinyCatalog.Tokenizer.EncodeBatch(["red retrospot lunch bag"], 16).ToTensors();
        using (no_grad())
        {
            model.Head.Bias.copy_(arange(0, TinyCatalog.Config.VocabSize, dtype: ScalarType.Float32));
        }

        Assert.Same(words, model.Head.DecoderWeight);
        model.Logits(inputIds, attentionMask).sum().backward();
        // Only the decoder reaches the rows of tokens that are not in the input.
        var unusedToken = TinyCatalog.Tokenizer.Vocabulary.GetId("cake");
        Assert.NotEqual(0f, words.grad!.select(0, unusedToken).abs().sum().item<float>());

        AssertDecoderAddsNothingOnceTheWordEmbeddingIsZeroed(model, inputIds, attentionMask);
    }

    [SkippableFact]
    public void The_tie_survives_converting_the_model()
    {
        using var scope = TorchCollection.OpenScope();
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        model.eval();
        var (inputIds, attentionMask) = TinyCatalog.Tokenizer.EncodeBatch(["red retrospot lunch bag"], 16).ToTensors();

        model.to(ScalarType.Float64);
        using (no_grad())
        {
            model.Head.Bias.copy_(arange(0, TinyCatalog.Config.VocabSize, dtype: ScalarType.Float64));
        }

        Assert.Same(model.Bert.Embeddings.WordEmbeddingWeight, model.Head.DecoderWeight);
        Assert.All(model.parameters(), parameter => Assert.Equal(ScalarType.Float64, parameter.dtype));
        Assert.Equal(ScalarType.Float64, model.Head.DecoderWeight.dtype);
        Assert.Equal(ScalarType.Float64, model.Logits(inputIds, attentionMask).dtype);
        AssertDecoderAddsNothingOnceTheWordEmbeddingIsZeroed(model, inputIds, attentionMask);
    }

    [SkippableFact]
    public void The_loss_is_the_cross_entropy_of_the_labelled_positions_only()
    {
        using var scope = TorchCollection.OpenScope();
        TorchRuntime.Seed(3);
        using var model = new MaskedLanguageModel(TinyCatalog.Config);
        model.eval();
        var batch = TinyCatalog.Tokenizer.EncodeBatch(TinyCatalog.Titles.Take(6).ToList(), 16);
        var (inputs, labels) = new TokenMasker(TinyCatalog.Tokenizer).Mask(batch, new Random(5));
        var (inputIds, attentionMask) = inputs.ToTensors();
        var labelTensor = inputs.Matrix(labels);

        var loss = model.Loss(inputIds, attentionMask, labelTensor).item<float>();
        var everyPosition = nn.functional.cross_entropy(model.Logits(inputIds, attentionMask).reshape(-1, TinyCatalog.Config.VocabSize),
            labelTensor.reshape(-1), ignore_index: MaskedLanguageModel.IgnoreIndex).item<float>();
        var (withAccuracy, _, predicted) = model.LossAndAccuracy(inputIds, attentionMask, labelTensor);

        Assert.Equal(everyPosition, loss, 1e-5f);
        Assert.Equal(loss, withAccuracy.item<float>(), 1e-6f);
        Assert.Equal(labels.Count(label => label != MaskedLanguageModel.IgnoreIndex), predicted);
        // An untrained model is about as good as a uniform guess over the vocabulary.
        Assert.InRange(loss, Math.Log(TinyCatalog.Config.VocabSize) - 1, Math.Log(TinyCatalog.Config.VocabSize) + 1);
    }

    [SkippableFact]
    public void Saves_a_bert_for_masked_lm_checkpoint_that_loads_back_with_identical_outputs()
    {
        using var scope = TorchCollection.OpenScope();
        using var folder = new TempDirectory();
        TorchRuntime.Seed(4);
        using var original = new MaskedLanguageModel(TinyCatalog.Config);
        original.eval();
        var (inputIds, attentionMask) = TinyCatalog.Tokenizer.EncodeBatch(TinyCatalog.Titles.Take(4).ToList(), 16).ToTensors();

        original.Save(folder.Path, TinyCatalog.Tokenizer);
        using var loaded = MaskedLanguageModel.Load(folder.Path);
        using var encoder = BertEncoder.Load(folder.Path);
        var checkpoint = BertCheckpoint.Load(folder.Path);
        using var file = SafeTensorsFile.Open(folder.File(BertCheckpoint.WeightsFileName));

        Assert.Equal(original.Logits(inputIds, attentionMask).data<float>().ToArray(), loaded.Logits(inputIds, attentionMask).data<float>().ToArray());
        Assert.Equal(original.Bert.Forward(inputIds, attentionMask).PooledOutput.data<float>().ToArray(),
            encoder.Forward(inputIds, attentionMask).PooledOutput.data<float>().ToArray());
        Assert.Same(loaded.Bert.Embeddings.WordEmbeddingWeight, loaded.Head.DecoderWeight);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight", file.Entries.Select(entry => entry.Name));
        Assert.DoesNotContain(file.Entries, entry => entry.Name.Contains("decoder", StringComparison.Ordinal));
        Assert.Equal(
            ["cls.predictions.bias", "cls.predictions.transform.LayerNorm.bias", "cls.predictions.transform.LayerNorm.weight",
             "cls.predictions.transform.dense.bias", "cls.predictions.transform.dense.weight"],
            checkpoint.IgnoredNames.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void A_bert_model_checkpoint_gets_a_new_head_and_a_partial_head_is_refused()
    {
        using var scope = TorchCollection.OpenScope();
        using (var model = MaskedLanguageModel.Load(TinyBert.Directory))
        {
            Assert.All(model.Head.Bias.data<float>().ToArray(), value => Assert.Equal(0f, value));
        }

        using var folder = new TempDirectory();
        using (var model = new MaskedLanguageModel(TinyCatalog.Config))
        {
            model.Save(folder.Path, TinyCatalog.Tokenizer);
            TensorCheckpoint.Save(folder.File(BertCheckpoint.WeightsFileName),
                model.state_dict().Where(named => named.Key != "cls.predictions.bias"));
        }

        var error = Assert.Throws<Recsys.Model.Data.DataFormatException>(() => MaskedLanguageModel.Load(folder.Path));
        Assert.Contains("the masked-LM head is incomplete: missing cls.predictions.bias", error.Message);
    }

    private static void AssertDecoderAddsNothingOnceTheWordEmbeddingIsZeroed(MaskedLanguageModel model, Tensor inputIds, Tensor attentionMask)
    {
        using (no_grad())
        {
            model.Bert.Embeddings.WordEmbeddingWeight.zero_();
        }

        // With the word embedding zeroed in place, the decoder adds nothing to the bias.
        var logits = model.Logits(inputIds, attentionMask).select(0, 0).select(0, 1);
        Assert.Equal(model.Head.Bias.to(ScalarType.Float64).data<double>().ToArray(), logits.to(ScalarType.Float64).data<double>().ToArray());
    }
}
