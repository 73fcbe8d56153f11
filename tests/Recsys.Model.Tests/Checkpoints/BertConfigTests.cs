using System.Text.Json.Nodes;
using Recsys.Model.Checkpoints;
using Recsys.Model.Data;
using Recsys.Model.Tests.Support;

namespace Recsys.Model.Tests.Checkpoints;

public sealed class BertConfigTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_the_fixture_config()
    {
        var config = BertConfig.Load(TinyBert.File(BertConfig.FileName));

        Assert.Equal(
            new BertConfig
            {
                VocabSize = 600, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4, IntermediateSize = 64,
                MaxPositionEmbeddings = 64, TypeVocabSize = 2, LayerNormEps = 1e-12, HiddenAct = BertActivation.Gelu,
                HiddenDropoutProb = 0, AttentionProbsDropoutProb = 0, PadTokenId = 0,
            },
            config);
        Assert.Equal(8, config.AttentionHeadSize);
    }

    [Fact]
    public void Settings_left_out_take_the_bert_base_defaults() =>
        Assert.Equal(new BertConfig { HiddenSize = 768, NumHiddenLayers = 12, VocabSize = 30522 }, Load("{}"));

    [Theory]
    [InlineData("gelu", BertActivation.Gelu)]
    [InlineData("gelu_new", BertActivation.GeluNew)]
    [InlineData("gelu_pytorch_tanh", BertActivation.GeluPytorchTanh)]
    [InlineData("relu", BertActivation.Relu)]
    public void Reads_the_activations_by_their_hugging_face_names(string name, BertActivation activation) =>
        Assert.Equal(activation, Load($$"""{"hidden_act": "{{name}}"}""").HiddenAct);

    [Fact]
    public void Saves_hugging_face_keys_and_reads_back_equal()
    {
        var config = new BertConfig { VocabSize = 900, HiddenSize = 48, NumAttentionHeads = 6, HiddenAct = BertActivation.GeluNew };
        var path = folder.File(BertConfig.FileName);

        config.Save(path);

        Assert.Equal(config, BertConfig.Load(path));
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("bert", (string?)json["model_type"]);
        Assert.Equal(900, (int?)json["vocab_size"]);
        Assert.Equal(6, (int?)json["num_attention_heads"]);
        Assert.Equal("gelu_new", (string?)json["hidden_act"]);
        Assert.Equal(0.1, (double?)json["attention_probs_dropout_prob"]);
    }

    [Fact]
    public void Every_invalid_setting_is_named_at_once()
    {
        var error = Assert.Throws<DataFormatException>(() => Load(
            """{"vocab_size": 0, "hidden_size": 30, "num_attention_heads": 4, "hidden_dropout_prob": 1.5, "pad_token_id": -1}"""));

        Assert.Contains("vocab_size must be positive, not 0", error.Message);
        Assert.Contains("hidden_size 30 is not a multiple of num_attention_heads 4", error.Message);
        Assert.Contains("hidden_dropout_prob must be in [0, 1), not 1.5", error.Message);
        Assert.Contains("pad_token_id must be in [0, vocab_size 0), not -1", error.Message);
    }

    [Theory]
    [InlineData("""{"model_type": "roberta"}""", "model_type is 'roberta', not 'bert'")]
    [InlineData("""{"hidden_act": "swish"}""", "supported: gelu, gelu_new, gelu_pytorch_tanh, relu")]
    [InlineData("""{"hidden_size": "big"}""", "$.hidden_size")]
    [InlineData("""{"hidden_size": 76.8}""", "$.hidden_size")]
    [InlineData("null", "expected a JSON object")]
    [InlineData("{", "")]
    public void A_malformed_config_names_the_file_and_the_problem(string json, string problem)
    {
        var error = Assert.Throws<DataFormatException>(() => Load(json));

        Assert.EndsWith(BertConfig.FileName, error.File);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void An_invalid_config_is_not_saved() =>
        Assert.Throws<ArgumentException>(() => new BertConfig { NumAttentionHeads = 5 }.Save(folder.File(BertConfig.FileName)));

    private BertConfig Load(string json) => BertConfig.Load(folder.Write(BertConfig.FileName, json));
}
