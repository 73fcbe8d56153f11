using Recsys.Model.Checkpoints;
using Recsys.Model.Encoders;
using Recsys.Model.Tensors;
using Recsys.Model.Tests.Support;
using Recsys.Model.Tests.Tensors;
using Recsys.Model.Text;
using TorchSharp;
using static TorchSharp.torch;

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

        Assert.Equal(expected.Select(parameter => parameter.Name), encoder.named_parameters().Select(named => named.name));
        Assert.Equal(expected.Select(parameter => string.Join("x", parameter.Shape)),
            encoder.named_parameters().Select(named => string.Join("x", named.parameter.shape)));
        Assert.Equal(expected.Select(parameter => parameter.Name), encoder.state_dict().Keys);
        Assert.Contains("encoder.layer.0.attention.output.LayerNorm.weight", expected.Select(parameter => parameter.Name));
    }

    [SkippableFact]
    public void A_new_encoder_starts_from_berts_initialisation()
    {
        TorchCollection.RequireLibTorch();
        TorchRuntime.Seed(1);
        using var encoder = new BertEncoder(TinyCatalog.Config with { HiddenSize = 64, IntermediateSize = 256, NumAttentionHeads = 4 });
        using var scope = NewDisposeScope();

        var query = encoder.Layers[0].Attention.Self.Query;
        var (mean, deviation) = MeanAndDeviation(query.weight.data<float>().ToArray());
        var (wordMean, wordDeviation) = MeanAndDeviation(encoder.Embeddings.WordEmbeddingWeight.data<float>().ToArray());

        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(deviation, 0.018, 0.022);
        Assert.InRange(wordMean, -0.005, 0.005);
        Assert.InRange(wordDeviation, 0.018, 0.022);
        Assert.All(query.bias!.data<float>().ToArray(), value => Assert.Equal(0f, value));
        Assert.All(encoder.Embeddings.WordEmbeddingWeight.select(0, TinyCatalog.Config.PadTokenId).data<float>().ToArray(),
            value => Assert.Equal(0f, value));
        var layerNorm = encoder.Layers[0].Output.LayerNorm;
        Assert.All(layerNorm.weight.data<float>().ToArray(), value => Assert.Equal(1f, value));
        Assert.All(layerNorm.bias!.data<float>().ToArray(), value => Assert.Equal(0f, value));
    }

    [SkippableFact]
    public void The_padding_token_gets_no_gradient()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = new BertEncoder(TinyCatalog.Config);
        var (inputIds, attentionMask) = TinyCatalog.Tokenizer.EncodeBatch(["red lunch bag", "pink cake stand with a long name"], 16).ToTensors();
        Assert.Contains((long)TinyCatalog.Config.PadTokenId, inputIds.data<long>().ToArray());

        // Attending to padding too, so that the padding positions' outputs depend on their embedding.
        encoder.Encode(inputIds, ones_like(attentionMask)).pow(2).sum().backward();

        var gradient = encoder.Embeddings.WordEmbeddingWeight.grad!;
        Assert.All(gradient.select(0, TinyCatalog.Config.PadTokenId).data<float>().ToArray(), value => Assert.Equal(0f, value));
        Assert.NotEqual(0f, gradient.abs().sum().item<float>());
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
        using var noGrad = no_grad();
        var expected = original.Forward(inputIds, attentionMask);
        var actual = loaded.Forward(inputIds, attentionMask);
        Assert.Equal(expected.LastHiddenState.data<float>().ToArray(), actual.LastHiddenState.data<float>().ToArray());
        Assert.Equal(expected.PooledOutput.data<float>().ToArray(), actual.PooledOutput.data<float>().ToArray());
    }

    [SkippableFact]
    public void A_checkpoint_without_the_pooler_loads_with_a_new_one()
    {
        using var scope = TorchCollection.OpenScope();
        using (var full = BertEncoder.Load(TinyBert.Directory))
        {
            BertCheckpoint.WriteMetadata(folder.Path, full.Config, BertTokenizer.Load(TinyBert.Directory));
            TensorCheckpoint.Save(folder.File(BertCheckpoint.WeightsFileName),
                full.state_dict().Where(named => !named.Key.StartsWith(BertParameterNames.PoolerPrefix, StringComparison.Ordinal)));
        }

        using var encoder = BertEncoder.Load(folder.Path);

        var fixture = BertCheckpoint.Load(TinyBert.Directory);
        Assert.Equal(fixture.Weights["encoder.layer.1.output.dense.weight"].Values,
            encoder.state_dict()["encoder.layer.1.output.dense.weight"].data<float>().ToArray());
        Assert.NotEqual(fixture.Weights["pooler.dense.weight"].Values, encoder.Pooler.Dense.weight.data<float>().ToArray());
    }

    [SkippableFact]
    public void Mean_pooling_averages_the_tokens_and_ignores_padding()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = BertEncoder.Load(TinyBert.Directory);
        var tokenizer = BertTokenizer.Load(TinyBert.Directory);
        const string text = "WHITE HANGING HEART T-LIGHT HOLDER";
        using var noGrad = no_grad();

        var (aloneIds, aloneMask) = tokenizer.EncodeBatch([text], 24).ToTensors();
        var (paddedIds, paddedMask) = tokenizer.EncodeBatch([text, "hand warmer bird design hand warmer bird design"], 24).ToTensors();
        var alone = encoder.EncodeMeanPooled(aloneIds, aloneMask);
        var padded = encoder.EncodeMeanPooled(paddedIds, paddedMask).select(0, 0);
        var byHand = encoder.Encode(aloneIds, aloneMask).mean([1]);

        Assert.True(aloneIds.size(1) < paddedIds.size(1));
        Assert.Equal(alone.reshape(-1).data<float>().ToArray(), padded.data<float>().ToArray(), new Tolerance(1e-5));
        Assert.Equal(byHand.data<float>().ToArray(), alone.data<float>().ToArray(), new Tolerance(1e-6));
    }

    [SkippableFact]
    public void Sequences_longer_than_the_position_embedding_are_refused()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = new BertEncoder(TinyCatalog.Config);
        var tooLong = ones([1, TinyCatalog.Config.MaxPositionEmbeddings + 1], ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(tooLong, tooLong));

        Assert.Contains("sequences of 17 tokens are longer than max_position_embeddings 16", error.Message);
    }

    [SkippableFact]
    public void Training_steps_free_every_tensor_they_make()
    {
        TorchCollection.RequireLibTorch();
        // Built before counting: TorchSharp's Parameter constructor leaves TotalCount one higher for good.
        using var encoder = new BertEncoder(TinyCatalog.Config);
        var batch = TinyCatalog.Tokenizer.EncodeBatch(TinyCatalog.Titles.Take(8).ToList(), 16);
        var before = TorchCollection.StartCountingTensors();
        for (var step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            var (inputIds, attentionMask) = batch.ToTensors();
            var output = encoder.Forward(inputIds, attentionMask);
            (output.PooledOutput.sum() + encoder.EncodeMeanPooled(inputIds, attentionMask).pow(2).sum()).backward();
            Assert.NotNull(encoder.Embeddings.WordEmbeddingWeight.grad);
            encoder.zero_grad();
        }

        TorchCollection.CollectGarbage();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [SkippableFact]
    public void Converting_the_encoder_converts_every_parameter()
    {
        using var scope = TorchCollection.OpenScope();
        using var encoder = new BertEncoder(TinyCatalog.Config);
        var (inputIds, attentionMask) = TinyCatalog.Tokenizer.EncodeBatch(["red lunch bag"], 16).ToTensors();

        encoder.to(ScalarType.Float64);

        Assert.All(encoder.parameters(), parameter => Assert.Equal(ScalarType.Float64, parameter.dtype));
        Assert.Equal(ScalarType.Float64, encoder.Embeddings.WordEmbeddingWeight.dtype);
        Assert.Equal(ScalarType.Float64, encoder.Forward(inputIds, attentionMask).PooledOutput.dtype);
    }

    [SkippableFact]
    public void The_tanh_approximation_of_gelu_is_the_one_bert_variants_use()
    {
        using var scope = TorchCollection.OpenScope();
        var x = tensor(new double[] { -2, -0.5, 0, 1, 3 });

        var approximated = BertActivation.GeluNew.Apply(x).data<double>().ToArray();

        // 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), computed with Python's math module.
        Assert.Equal([-0.04540230591222494, -0.15428599017485606, 0, 0.8411919906082768, 2.996362607918227], approximated,
            new Tolerance(1e-12));
        Assert.Equal(x.gelu().data<double>().ToArray(), BertActivation.Gelu.Apply(x).data<double>().ToArray());
    }

    private static (double Mean, double Deviation) MeanAndDeviation(float[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Average(value => (value - mean) * (value - mean))));
    }
}
