using Recsys.Model.Torch;
using Recsys.Model.Torch.Modules;

namespace Recsys.Model.Recommender;

/// <summary>Scores a (customer, candidate item) row: an MLP over the standardised candidate features of
/// <see cref="Ranking.RankingFeatures"/> (repeat, neighbour, popularity, customer and scene signals), the scaled
/// user · item product of the towers, and the item vector (with dropout). The user vector itself is left out,
/// as are user ⊙ item products: with them the head fitted its training customers and lost 0.01–0.1 NDCG on
/// validation.</summary>
public sealed class RankingHead : Module
{
    private readonly double dotScale;

    public RankingHead(int featureCount, long dimension, long hiddenUnits, double dropout, Device? device = null)
    {
        dotScale = 1 / Math.Sqrt(dimension);
        Hidden = RegisterModule("hidden", new Linear(featureCount + 1 + dimension, hiddenUnits, device: device));
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
        var dot = (users * items).Sum(-1, keepDim: true) * dotScale;
        var input = LibTorch.Cat([features, dot, Dropout.Forward(items)], 1);
        return Output.Forward(Dropout.Forward(Hidden.Forward(input).Relu())).Squeeze(-1).MoveToOuterScope();
    }
}
