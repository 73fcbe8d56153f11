using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>Scores a (customer, candidate item) row: an MLP over the standardised candidate features of
/// <see cref="Ranking.RankingFeatures"/>, the scaled user · item product, their element-wise product, the item
/// vector and the user vector. The features carry the explicit repeat and explore signals, the vectors what
/// the sequence says about taste, so the head learns when an own item beats a new one.</summary>
public sealed class RankingHead : Module
{
    private readonly double dotScale;

    private readonly int inputs;

    public RankingHead(int featureCount, long dimension, long hiddenUnits, double dropout, int inputs, Device? device = null)
    {
        this.inputs = inputs;
        dotScale = 1 / Math.Sqrt(dimension);
        var width = featureCount + (inputs >= 1 ? 1 : 0) + (inputs >= 2 ? 3 * dimension : 0);
        Hidden = RegisterModule("hidden", new Linear(width, hiddenUnits, device: device));
        Output = RegisterModule("output", new Linear(hiddenUnits, 1, device: device));
        Dropout = RegisterModule("dropout", new Dropout(dropout));
    }

    public Linear Hidden { get; }

    public Linear Output { get; }

    public Dropout Dropout { get; }

    /// <summary>Logits [rows] of rows of standardised <paramref name="features"/> [rows, features] and the
    /// user and item vectors [rows, dimension] they pair.</summary>
    public Tensor Forward(Tensor features, Tensor users, Tensor items)
    {
        using var scope = LibTorch.NewDisposeScope();
        var product = users * items;
        var input = inputs switch
        {
            0 => features,
            1 => LibTorch.Cat([features, product.Sum(-1, keepDim: true) * dotScale], 1),
            _ => LibTorch.Cat([features, product.Sum(-1, keepDim: true) * dotScale, product, items, users], 1),
        };
        return Output.Forward(Dropout.Forward(Hidden.Forward(input).Relu())).Squeeze(-1).MoveToOuterScope();
    }
}
