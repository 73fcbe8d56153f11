using Recsys.Model.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Tests.Tensors;

/// <summary>A SASRec-style model in miniature for the training-loop tests: item and position embeddings, one
/// causal self-attention block with LayerNorm and dropout, and a BCE ranking head scoring the next item
/// against a sampled negative.</summary>
internal sealed class TinySequenceRecommender : ExplicitModule
{
    private const double DropoutProbability = 0.1;

    public TinySequenceRecommender(long itemCount, long maxLength, long dimension, Device? device = null)
        : base(nameof(TinySequenceRecommender))
    {
        Items = Register("items", nn.Embedding(itemCount, dimension, padding_idx: 0, device: device));
        Positions = Register("positions", nn.Embedding(maxLength, dimension, device: device));
        Query = Register("query", nn.Linear(dimension, dimension, device: device));
        Key = Register("key", nn.Linear(dimension, dimension, device: device));
        Value = Register("value", nn.Linear(dimension, dimension, device: device));
        Norm = Register("norm", nn.LayerNorm([dimension], device: device));
        Dropout = Register("dropout", nn.Dropout(DropoutProbability));
    }

    public Embedding Items { get; }

    public Embedding Positions { get; }

    public Linear Query { get; }

    public Linear Key { get; }

    public Linear Value { get; }

    public LayerNorm Norm { get; }

    public Dropout Dropout { get; }

    /// <summary>The hidden state after each position of <paramref name="sequences"/> [batch, length].</summary>
    public Tensor Forward(Tensor sequences)
    {
        var length = sequences.size(1);
        var input = Items.forward(sequences) + Positions.forward(arange(length, device: sequences.device));
        var causal = AttentionMasks.Additive(AttentionMasks.CausalKeep(length, sequences.device));
        var attended = nn.functional.scaled_dot_product_attention(Query.forward(input), Key.forward(input), Value.forward(input),
            causal, training ? DropoutProbability : 0);
        return nn.functional.gelu(Norm.forward(input + Dropout.forward(attended)));
    }

    /// <summary>Binary cross-entropy of the scores of the true next items (label 1) and of negatives (label 0).</summary>
    public Tensor Loss(Tensor sequences, Tensor nextItems, Tensor negativeItems)
    {
        var hidden = Forward(sequences);
        var positive = (hidden * Items.forward(nextItems)).sum(-1);
        var negative = (hidden * Items.forward(negativeItems)).sum(-1);
        var logits = cat([positive, negative], 1);
        var labels = cat([ones_like(positive), zeros_like(negative)], 1);
        return nn.functional.binary_cross_entropy_with_logits(logits, labels);
    }
}
