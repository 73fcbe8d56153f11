using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Tests.Torch;

/// <summary>A SASRec-style model in miniature for the training-loop tests: item and position embeddings, one
/// causal self-attention block with LayerNorm and dropout, and a BCE ranking head scoring the next item
/// against a sampled negative.</summary>
internal sealed class TinySequenceRecommender : Module
{
    public TinySequenceRecommender(long itemCount, long maxLength, long dimension)
    {
        Items = RegisterModule("items", new Embedding(itemCount, dimension, paddingIndex: 0));
        Positions = RegisterModule("positions", new Embedding(maxLength, dimension));
        Query = RegisterModule("query", new Linear(dimension, dimension));
        Key = RegisterModule("key", new Linear(dimension, dimension));
        Value = RegisterModule("value", new Linear(dimension, dimension));
        Norm = RegisterModule("norm", new LayerNorm(dimension));
        Dropout = RegisterModule("dropout", new Dropout(0.1));
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
        var length = sequences.Size(1);
        var device = sequences.Device;
        var input = Items.Forward(sequences) + Positions.Forward(LibTorch.Arange(0, length, device: device));
        var causal = Functional.AdditiveMask(Functional.CausalKeepMask(length, device));
        var attended = Functional.ScaledDotProductAttention(Query.Forward(input), Key.Forward(input), Value.Forward(input), causal,
            dropoutProbability: 0.1, training: IsTraining);
        return Norm.Forward(input + Dropout.Forward(attended)).Gelu();
    }

    /// <summary>Binary cross-entropy of the scores of the true next items (label 1) and of negatives (label 0).</summary>
    public Tensor Loss(Tensor sequences, Tensor nextItems, Tensor negativeItems)
    {
        var hidden = Forward(sequences);
        var positive = (hidden * Items.Forward(nextItems)).Sum(-1);
        var negative = (hidden * Items.Forward(negativeItems)).Sum(-1);
        var logits = LibTorch.Cat([positive, negative], 1);
        var labels = LibTorch.Cat([LibTorch.Ones(positive.Shape, device: positive.Device), LibTorch.Zeros(negative.Shape, device: negative.Device)], 1);
        return Functional.BinaryCrossEntropyWithLogits(logits, labels);
    }
}
