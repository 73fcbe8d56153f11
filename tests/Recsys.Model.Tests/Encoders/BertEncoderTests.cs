using Recsys.Model.Checkpoints;
using Recsys.Model.Encoders;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Torch;
using Recsys.Model.Text;
using Recsys.Model.Torch;

namespace Recsys.Model.Tests.Encoders;

[Collection(TorchCollection.Name)]
public sealed class BertEncoderTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [SkippableFact]
    public void Parameters_have_the_names_and_shapes_of_a_hugging_face_bert_model()
    {
        TorchCollection.RequireLibTorch();
        using var encoder = new BertEncoder(TinyCatalog.Config);

        var expected = BertParameterNames.Expected(TinyCatalog.Config);

        Assert.Equal(expected.Select(parameter => parameter.Name), encoder.NamedParameters().Select(named => named.Name));
        Assert.Equal(expected.Select(parameter => string.Join("x", parameter.Shape)),
            encoder.NamedParameters().Select(named => string.Join("x", named.Parameter.Shape)));
        Assert.Contains("encoder.layer.0.attention.output.LayerNorm.weight", expected.Select(parameter => parameter.Name));
    }

    [SkippableFact]
    public void A_new_encoder_starts_from_berts_initialisation()
    {
        TorchCollection.RequireLibTorch();
        LibTorch.ManualSeed(1);
        using var encoder = new BertEncoder(TinyCatalog.Config with { HiddenSize = 64, IntermediateSize = 256, NumAttentionHeads = 4 });

        var query = encoder.Layers[0].Attention.Self.Query;
        var (mean, deviation) = MeanAndDeviation(query.Weight.ToArray<float>());

        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(deviation, 0.018, 0.022);
        Assert.All(query.Bias!.ToArray<float>(), value => Assert.Equal(0f, value));
        Assert.All(encoder.Embeddings.WordEmbeddings.Weight.Select(0, TinyCatalog.Config.PadTokenId).ToArray<float>(), value => Assert.Equal(0f, value));
    }

    [SkippableFact]
    public void Saves_a_checkpoint_that_loads_back_with_identical_outputs()
    {
        using var scope = TorchCollection.OpenScope();
        using var original = BertEncoder.Load(TinyBert.Directory);
        var tokenizer = BertTokenizer.Load(TinyBert.Directory);

        original.Save(folder.Path, tokenizer);
        var checkpoint = BertCheckpoint.Load(folder.Path);
        using var loaded = BertEncoder.FromCheckpoint(checkpoint);

        Assert.True(checkpoint.HasPooler);
        Assert.Empty(checkpoint.IgnoredNames);
        Assert.Equal(original.Config, checkpoint.Config);
        Assert.Equal(tokenizer.Vocabulary.Tokens, checkpoint.Tokenizer.Vocabulary.Tokens);
        var (inputIds, attentionMask) = tokenizer.EncodeBatch(TinyBert.Cases.Select(reference => reference.Text).ToList(), 24).ToTensors();
        using var noGrad = LibTorch.NoGrad();
        var expected = original.Forward(inputIds, attentionMask);
        var actual = loaded.Forward(inputIds, attentionMask);
        Assert.Equal(expected.LastHiddenState.ToArray<float>(), actual.LastHiddenState.ToArray<float>());
        Assert.Equal(expected.PooledOutput.ToArray<float>(), actual.PooledOutput.ToArray<float>());
    }

    [SkippableFact]
    public void A_checkpoint_without_the_pooler_loads_with_a_new_one()
    {
        using var scope = TorchCollection.OpenScope();
        using (var full = BertEncoder.Load(TinyBert.Directory))
        {
            BertCheckpoint.WriteMetadata(folder.Path, full.Config, BertTokenizer.Load(TinyBert.Directory));
            TensorCheckpoint.Save(folder.File(BertCheckpoint.WeightsFileName),
                full.StateDict().Where(named => !named.Key.StartsWith(BertParameterNames.PoolerPrefix, StringComparison.Ordinal)));
        }

        using var encoder = BertEncoder.Load(folder.Path);

        var fixture = BertCheckpoint.Load(TinyBert.Directory);
        Assert.Equal(fixture.Weights["encoder.layer.1.output.dense.weight"].Values, encoder.StateDict()["encoder.layer.1.output.dense.weight"].ToArray<float>());
        Assert.NotEqual(fixture.Weights["pooler.dense.weight"].Values, encoder.Pooler.Dense.Weight.ToArray<float>());
    }

    [SkippableFact]
    public void Mean_pooling_averages_the_tokens_and_ignores_padding()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = BertEncoder.Load(TinyBert.Directory);
        var tokenizer = BertTokenizer.Load(TinyBert.Directory);
        const string text = "WHITE HANGING HEART T-LIGHT HOLDER";
        using var noGrad = LibTorch.NoGrad();

        var (aloneIds, aloneMask) = tokenizer.EncodeBatch([text], 24).ToTensors();
        var (paddedIds, paddedMask) = tokenizer.EncodeBatch([text, "hand warmer bird design hand warmer bird design"], 24).ToTensors();
        var alone = encoder.EncodeMeanPooled(aloneIds, aloneMask);
        var padded = encoder.EncodeMeanPooled(paddedIds, paddedMask).Select(0, 0);
        var byHand = encoder.Encode(aloneIds, aloneMask).Mean(1);

        Assert.True(aloneIds.Size(1) < paddedIds.Size(1));
        Assert.Equal(alone.Reshape(-1).ToArray<float>(), padded.ToArray<float>(), new Tolerance(1e-5));
        Assert.Equal(byHand.ToArray<float>(), alone.ToArray<float>(), new Tolerance(1e-6));
    }

    [SkippableFact]
    public void Sequences_longer_than_the_position_embedding_are_refused()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = new BertEncoder(TinyCatalog.Config);
        var tooLong = LibTorch.Ones([1, TinyCatalog.Config.MaxPositionEmbeddings + 1], DType.Int64);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(tooLong, tooLong));

        Assert.Contains("sequences of 17 tokens are longer than max_position_embeddings 16", error.Message);
    }

    [SkippableFact]
    public void Training_steps_free_every_tensor_they_make()
    {
        var before = TorchCollection.StartCountingTensors();
        using (var encoder = new BertEncoder(TinyCatalog.Config))
        {
            var batch = TinyCatalog.Tokenizer.EncodeBatch(TinyCatalog.Titles.Take(8).ToList(), 16);
            for (var step = 0; step < 20; step++)
            {
                using var scope = LibTorch.NewDisposeScope();
                var (inputIds, attentionMask) = batch.ToTensors();
                var output = encoder.Forward(inputIds, attentionMask);
                (output.PooledOutput.Sum() + encoder.EncodeMeanPooled(inputIds, attentionMask).Pow(2).Sum()).Backward();
                Assert.NotNull(encoder.Embeddings.WordEmbeddings.Weight.Grad);
                encoder.ZeroGrad();
            }
        }

        TorchCollection.CollectGarbage();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void The_tanh_approximation_of_gelu_is_the_one_bert_variants_use()
    {
        using var scope = TorchCollection.OpenScope();
        var x = LibTorch.FromArray<double>([-2, -0.5, 0, 1, 3]);

        var approximated = BertActivation.GeluNew.Apply(x).ToArray<double>();

        // 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), computed with Python's math module.
        Assert.Equal([-0.04540230591222494, -0.15428599017485606, 0, 0.8411919906082768, 2.996362607918227], approximated,
            new Tolerance(1e-12));
        Assert.Equal(x.Gelu().ToArray<double>(), BertActivation.Gelu.Apply(x).ToArray<double>());
    }

    private static (double Mean, double Deviation) MeanAndDeviation(float[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Average(value => (value - mean) * (value - mean))));
    }
}
