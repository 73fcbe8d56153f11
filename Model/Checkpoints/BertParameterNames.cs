namespace Recsys.Model.Checkpoints;

/// <summary>The weights a BERT checkpoint holds, named as Hugging Face's <c>BertModel</c> names them, and the
/// mapping from the names other checkpoints use.</summary>
public static class BertParameterNames
{
    /// <summary>The prefix of the encoder's weights in checkpoints of models with a task head
    /// (<c>BertForMaskedLM</c>, <c>BertForPreTraining</c>, ...).</summary>
    public const string ModelPrefix = "bert.";

    public const string PoolerPrefix = "pooler.";

    /// <summary>Every weight of a <c>BertModel</c> with this config, with its shape, in the model's order.
    /// Linear layers are [out, in], as PyTorch stores them.</summary>
    /// <param name="includePooler">Whether the model has the pooler (a dense layer over <c>[CLS]</c>); models
    /// saved from a masked-language-model head often lack it.</param>
    public static IReadOnlyList<BertParameter> Expected(BertConfig config, bool includePooler = true)
    {
        long hidden = config.HiddenSize, intermediate = config.IntermediateSize;
        var parameters = new List<BertParameter>
        {
            new("embeddings.word_embeddings.weight", [config.VocabSize, hidden]),
            new("embeddings.position_embeddings.weight", [config.MaxPositionEmbeddings, hidden]),
            new("embeddings.token_type_embeddings.weight", [config.TypeVocabSize, hidden]),
        };
        AddLayerNorm(parameters, "embeddings.LayerNorm", hidden);
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            var prefix = $"encoder.layer.{layer}.";
            AddLinear(parameters, prefix + "attention.self.query", hidden, hidden);
            AddLinear(parameters, prefix + "attention.self.key", hidden, hidden);
            AddLinear(parameters, prefix + "attention.self.value", hidden, hidden);
            AddLinear(parameters, prefix + "attention.output.dense", hidden, hidden);
            AddLayerNorm(parameters, prefix + "attention.output.LayerNorm", hidden);
            AddLinear(parameters, prefix + "intermediate.dense", hidden, intermediate);
            AddLinear(parameters, prefix + "output.dense", intermediate, hidden);
            AddLayerNorm(parameters, prefix + "output.LayerNorm", hidden);
        }

        if (includePooler)
        {
            AddLinear(parameters, PoolerPrefix + "dense", hidden, hidden);
        }

        return parameters;
    }

    /// <summary>A checkpoint's name for a weight as <c>BertModel</c> names it: without the <c>bert.</c> prefix of
    /// task models, and with TensorFlow-era LayerNorm names <c>gamma</c>/<c>beta</c> as <c>weight</c>/<c>bias</c>.</summary>
    public static string Normalize(string checkpointName)
    {
        var name = checkpointName.StartsWith(ModelPrefix, StringComparison.Ordinal)
            ? checkpointName[ModelPrefix.Length..]
            : checkpointName;
        if (name.EndsWith("LayerNorm.gamma", StringComparison.Ordinal))
        {
            return name[..^"gamma".Length] + "weight";
        }

        return name.EndsWith("LayerNorm.beta", StringComparison.Ordinal) ? name[..^"beta".Length] + "bias" : name;
    }

    /// <summary>The <c>position_ids</c> buffer that older versions saved with the weights.</summary>
    public const string PositionIdsBuffer = "embeddings.position_ids";

    private static void AddLinear(List<BertParameter> parameters, string name, long inputs, long outputs)
    {
        parameters.Add(new BertParameter(name + ".weight", [outputs, inputs]));
        parameters.Add(new BertParameter(name + ".bias", [outputs]));
    }

    private static void AddLayerNorm(List<BertParameter> parameters, string name, long size)
    {
        parameters.Add(new BertParameter(name + ".weight", [size]));
        parameters.Add(new BertParameter(name + ".bias", [size]));
    }
}
