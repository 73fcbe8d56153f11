using Recsys.Model.Checkpoints;
using Recsys.Model.Data;
using Recsys.Model.Tests.Support;
using Recsys.Model.Text;
using static Recsys.Model.Tests.Support.SafeTensorsBytes;

namespace Recsys.Model.Tests.Checkpoints;

public sealed class BertCheckpointTests : IDisposable
{
    private static readonly BertCheckpoint Fixture = BertCheckpoint.Load(TinyBert.Directory);

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_fixture_has_every_weight_of_its_config_with_the_expected_shape()
    {
        var expected = BertParameterNames.Expected(Fixture.Config);

        Assert.Equal(5 + 2 * 16 + 2, expected.Count);
        Assert.Equal(expected.Select(parameter => parameter.Name), Fixture.Weights.Keys);
        foreach (var parameter in expected)
        {
            var weight = Fixture.Weights[parameter.Name];
            Assert.Equal(parameter.Shape, weight.Shape);
            Assert.Equal(parameter.Shape.Aggregate(1L, (product, size) => product * size), weight.Values.Length);
        }

        Assert.Equal([600L, 32], Fixture.Weights["embeddings.word_embeddings.weight"].Shape);
        Assert.Equal([32L, 32], Fixture.Weights["encoder.layer.0.attention.self.query.weight"].Shape);
        Assert.Equal([64L, 32], Fixture.Weights["encoder.layer.1.intermediate.dense.weight"].Shape);
        Assert.Equal([32L, 64], Fixture.Weights["encoder.layer.1.output.dense.weight"].Shape);
        Assert.True(Fixture.HasPooler);
        Assert.Empty(Fixture.IgnoredNames);
        Assert.Equal(600, Fixture.Tokenizer.Vocabulary.Count);
    }

    [Fact]
    public void Each_weight_holds_values_of_its_kind()
    {
        // The fixture's weights are drawn with std 0.02, LayerNorm weights start at 1 and biases at 0, and biases and
        // LayerNorm parameters were then moved by noise of std 0.1 (make_tiny_bert.py): a reader that mixed up
        // offsets or names would put values of the wrong kind under a name.
        foreach (var (name, weight) in Fixture.Weights)
        {
            var (mean, deviation) = MeanAndDeviation(weight.Values);
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal))
            {
                Assert.InRange(mean, 0.9, 1.1);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                Assert.InRange(mean, -0.1, 0.1);
                Assert.InRange(deviation, 0.05, 0.15);
            }
            else
            {
                Assert.InRange(mean, -0.01, 0.01);
                Assert.InRange(deviation, 0.01, 0.03);
            }
        }
    }

    [Fact]
    public void Reads_bert_prefixed_legacy_names_and_ignores_buffers_and_task_heads()
    {
        CopyFixture(except: BertCheckpoint.WeightsFileName);
        var tensors = FixtureTensors()
            .Select(tensor => tensor with { Name = "bert." + tensor.Name.Replace("LayerNorm.weight", "LayerNorm.gamma")
                .Replace("LayerNorm.bias", "LayerNorm.beta") })
            .Append(new Tensor("bert.embeddings.position_ids", "I64", [1, 64], Bytes(Enumerable.Range(0, 64).Select(i => (long)i).ToArray())))
            .Append(Tensor.Floats("cls.predictions.bias", [600], new float[600]));
        WriteWeights(tensors);

        var checkpoint = BertCheckpoint.Load(folder.Path);

        Assert.Equal(Fixture.Weights.Keys, checkpoint.Weights.Keys);
        Assert.All(Fixture.Weights, pair => Assert.Equal(pair.Value.Values, checkpoint.Weights[pair.Key].Values));
        Assert.Equal(["bert.embeddings.position_ids", "cls.predictions.bias"], checkpoint.IgnoredNames.Order());
    }

    [Fact]
    public void A_checkpoint_without_the_pooler_loads_only_when_allowed()
    {
        CopyFixture(except: BertCheckpoint.WeightsFileName);
        WriteWeights(FixtureTensors().Where(tensor => !tensor.Name.StartsWith("pooler.", StringComparison.Ordinal)));

        var error = Assert.Throws<DataFormatException>(() => BertCheckpoint.Load(folder.Path));
        var checkpoint = BertCheckpoint.Load(folder.Path, requirePooler: false);

        Assert.Contains("missing: pooler.dense.weight, pooler.dense.bias", error.Message);
        Assert.False(checkpoint.HasPooler);
        Assert.Equal(37, checkpoint.Weights.Count);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_config_are_listed()
    {
        CopyFixture(except: BertCheckpoint.WeightsFileName);
        WriteWeights(FixtureTensors()
            .Where(tensor => tensor.Name != "encoder.layer.1.output.dense.bias")
            .Select(tensor => tensor.Name == "pooler.dense.bias" ? Tensor.Floats(tensor.Name, [16], new float[16]) : tensor)
            .Append(Tensor.Floats("encoder.layer.1.attention.self.rotary", [2], [1, 2])));

        var error = Assert.Throws<DataFormatException>(() => BertCheckpoint.Load(folder.Path));

        Assert.EndsWith(BertCheckpoint.WeightsFileName, error.File);
        Assert.Contains("missing: encoder.layer.1.output.dense.bias;", error.Message);
        Assert.Contains("unexpected: encoder.layer.1.attention.self.rotary;", error.Message);
        Assert.Contains("wrong shape: pooler.dense.bias is [16], expected [32]", error.Message);
    }

    [Fact]
    public void A_config_with_more_layers_than_the_weights_lists_the_missing_layer()
    {
        CopyFixture(except: BertConfig.FileName);
        (Fixture.Config with { NumHiddenLayers = 3 }).Save(folder.File(BertConfig.FileName));

        var error = Assert.Throws<DataFormatException>(() => BertCheckpoint.Load(folder.Path));

        Assert.Contains("missing: encoder.layer.2.attention.self.query.weight, encoder.layer.2.attention.self.query.bias,", error.Message);
        Assert.Contains("with 3 layers", error.Message);
    }

    [Fact]
    public void Two_names_for_one_weight_are_rejected()
    {
        CopyFixture(except: BertCheckpoint.WeightsFileName);
        WriteWeights(FixtureTensors().Append(Tensor.Floats("embeddings.LayerNorm.gamma", [32], new float[32])));

        var error = Assert.Throws<DataFormatException>(() => BertCheckpoint.Load(folder.Path));

        Assert.Contains("'embeddings.LayerNorm.weight' and 'embeddings.LayerNorm.gamma' are both the weight", error.Message);
    }

    [Fact]
    public void A_vocabulary_larger_than_the_embedding_is_rejected()
    {
        CopyFixture(except: BertConfig.FileName);
        (Fixture.Config with { VocabSize = 599 }).Save(folder.File(BertConfig.FileName));

        var error = Assert.Throws<DataFormatException>(() => BertCheckpoint.Load(folder.Path));

        Assert.EndsWith(WordPieceVocabulary.FileName, error.File);
        Assert.Contains("600 tokens, more than the config's vocab_size 599", error.Message);
    }

    [Fact]
    public void A_pytorch_pickle_checkpoint_is_named_as_the_reason()
    {
        CopyFixture(except: BertCheckpoint.WeightsFileName);
        File.WriteAllBytes(folder.File("pytorch_model.bin"), [0x80]);

        var error = Assert.Throws<FileNotFoundException>(() => BertCheckpoint.Load(folder.Path));

        Assert.Contains("safe_serialization=True", error.Message);
    }

    [Fact]
    public void Our_metadata_and_the_fixture_weights_load_as_the_same_checkpoint()
    {
        BertCheckpoint.WriteMetadata(folder.Path, Fixture.Config, Fixture.Tokenizer);
        File.Copy(TinyBert.File(BertCheckpoint.WeightsFileName), folder.File(BertCheckpoint.WeightsFileName));

        var checkpoint = BertCheckpoint.Load(folder.Path);

        Assert.Equal(Fixture.Config, checkpoint.Config);
        Assert.Equal(Fixture.Tokenizer.Options, checkpoint.Tokenizer.Options);
        Assert.Equal(File.ReadAllBytes(TinyBert.File(WordPieceVocabulary.FileName)), File.ReadAllBytes(folder.File(WordPieceVocabulary.FileName)));
    }

    [Fact]
    public void Metadata_with_more_tokens_than_embedding_rows_is_not_written() =>
        Assert.Throws<ArgumentException>(() =>
            BertCheckpoint.WriteMetadata(folder.Path, Fixture.Config with { VocabSize = 10 }, Fixture.Tokenizer));

    private static (double Mean, double Deviation) MeanAndDeviation(float[] values)
    {
        var mean = values.Average(value => (double)value);
        return (mean, Math.Sqrt(values.Average(value => (value - mean) * (value - mean))));
    }

    private static List<Tensor> FixtureTensors()
    {
        using var file = SafeTensorsFile.Open(TinyBert.File(BertCheckpoint.WeightsFileName));
        return file.Entries.Select(entry => Tensor.Floats(entry.Name, entry.Shape.ToArray(), file.ReadFloats(entry.Name))).ToList();
    }

    private void CopyFixture(string except)
    {
        foreach (var name in new[] { BertConfig.FileName, WordPieceVocabulary.FileName, BertTokenizerOptions.FileName, BertCheckpoint.WeightsFileName })
        {
            if (name != except)
            {
                File.Copy(TinyBert.File(name), folder.File(name));
            }
        }
    }

    private void WriteWeights(IEnumerable<Tensor> tensors) =>
        File.WriteAllBytes(folder.File(BertCheckpoint.WeightsFileName), Build(tensors));
}
