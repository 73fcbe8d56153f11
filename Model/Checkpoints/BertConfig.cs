using System.Text.Json;
using System.Text.Json.Serialization;
using Recsys.Model.Data;

namespace Recsys.Model.Checkpoints;

/// <summary>The shape of a BERT model: a Hugging Face <c>config.json</c> (keys in snake case, e.g.
/// <c>num_hidden_layers</c>). Settings a file leaves out take Hugging Face's defaults, those of
/// <c>bert-base-uncased</c>; keys for other purposes are ignored.</summary>
public sealed record BertConfig
{
    public const string FileName = "config.json";

    private const string BertModelType = "bert";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter<BertActivation>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = true,
    };

    /// <summary>Must be "bert" when given: other model types name their weights differently.</summary>
    public string ModelType { get; init; } = BertModelType;

    /// <summary>Rows of the word embedding; at least the tokens of vocab.txt.</summary>
    public int VocabSize { get; init; } = 30522;

    public int HiddenSize { get; init; } = 768;

    public int NumHiddenLayers { get; init; } = 12;

    /// <summary>Must divide <see cref="HiddenSize"/>.</summary>
    public int NumAttentionHeads { get; init; } = 12;

    /// <summary>The width of the feed-forward layer inside each transformer layer.</summary>
    public int IntermediateSize { get; init; } = 3072;

    /// <summary>The longest sequence, in tokens, the position embedding covers.</summary>
    public int MaxPositionEmbeddings { get; init; } = 512;

    /// <summary>Segments (sentence A, B) the token-type embedding covers.</summary>
    public int TypeVocabSize { get; init; } = 2;

    public double LayerNormEps { get; init; } = 1e-12;

    public BertActivation HiddenAct { get; init; } = BertActivation.Gelu;

    public double HiddenDropoutProb { get; init; } = 0.1;

    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    public int PadTokenId { get; init; }

    /// <summary>The standard deviation of the normal distribution that a new model's weights are drawn from.</summary>
    public double InitializerRange { get; init; } = 0.02;

    [JsonIgnore]
    public int AttentionHeadSize => HiddenSize / NumAttentionHeads;

    /// <exception cref="DataFormatException">The file is not a valid BERT config; names every problem.</exception>
    public static BertConfig Load(string path)
    {
        BertConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BertConfig>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            var supported = e.Path == "$.hidden_act"
                ? $" (supported: {string.Join(", ", Enum.GetValues<BertActivation>().Select(JsonName))})"
                : "";
            throw new DataFormatException(path, null, e.Message + supported);
        }

        if (config is null)
        {
            throw new DataFormatException(path, null, "expected a JSON object, found null");
        }

        var problems = config.Validate();
        return problems.Count == 0 ? config : throw new DataFormatException(path, null, string.Join("; ", problems));
    }

    /// <summary>Writes a <c>config.json</c> that Hugging Face's <c>BertConfig</c> reads.</summary>
    /// <exception cref="ArgumentException">The config is not valid.</exception>
    public void Save(string path)
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid BERT config: {string.Join("; ", problems)}");
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");
    }

    /// <returns>Every problem with the settings, each naming its config.json key; empty when they are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        Require(ModelType == BertModelType, $"model_type is '{ModelType}', not '{BertModelType}'");
        Require(VocabSize > 0, $"vocab_size must be positive, not {VocabSize}");
        Require(HiddenSize > 0, $"hidden_size must be positive, not {HiddenSize}");
        Require(NumHiddenLayers > 0, $"num_hidden_layers must be positive, not {NumHiddenLayers}");
        Require(NumAttentionHeads > 0, $"num_attention_heads must be positive, not {NumAttentionHeads}");
        Require(NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads == 0,
            $"hidden_size {HiddenSize} is not a multiple of num_attention_heads {NumAttentionHeads}");
        Require(IntermediateSize > 0, $"intermediate_size must be positive, not {IntermediateSize}");
        Require(MaxPositionEmbeddings > 0, $"max_position_embeddings must be positive, not {MaxPositionEmbeddings}");
        Require(TypeVocabSize > 0, $"type_vocab_size must be positive, not {TypeVocabSize}");
        Require(LayerNormEps is > 0 and < 1, $"layer_norm_eps must be in (0, 1), not {LayerNormEps}");
        Require(Enum.IsDefined(HiddenAct), $"hidden_act {HiddenAct} is not supported");
        Require(HiddenDropoutProb is >= 0 and < 1, $"hidden_dropout_prob must be in [0, 1), not {HiddenDropoutProb}");
        Require(AttentionProbsDropoutProb is >= 0 and < 1,
            $"attention_probs_dropout_prob must be in [0, 1), not {AttentionProbsDropoutProb}");
        Require(InitializerRange > 0, $"initializer_range must be positive, not {InitializerRange}");
        Require(PadTokenId >= 0 && PadTokenId < VocabSize,
            $"pad_token_id must be in [0, vocab_size {VocabSize}), not {PadTokenId}");
        return problems;
    }

    private static string JsonName(BertActivation activation) => JsonNamingPolicy.SnakeCaseLower.ConvertName(activation.ToString());
}
