namespace Recsys.Model.Ranking;

/// <summary>Settings of a <see cref="RankingNetwork"/> and its training. The defaults are the configuration
/// measured in README.md.</summary>
public sealed record ScorerOptions
{
    /// <summary>Units of the hidden ReLU layer; 0 makes the scorer a logistic regression.</summary>
    public int HiddenUnits { get; init; } = 32;

    /// <summary>Passes over the training rows.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Training cases (all their rows) per optimiser step.</summary>
    public int CasesPerBatch { get; init; } = 4;

    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decoupled weight decay (AdamW): each step shrinks the weights by LearningRate · WeightDecay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Learn a bias per item and kind of candidate (repeat or explore): an item embedding of size
    /// one.</summary>
    public bool ItemBiases { get; init; } = true;

    /// <summary>Decoupled decay of the item biases, which see few rows each.</summary>
    public double ItemBiasDecay { get; init; } = 1e-2;

    /// <summary>Training cases weigh exp(−age / this many days), age = days from the case's cut to the latest cut
    /// (scaled to a mean weight of 1): customers' habits drift with the seasons and the catalogue, so recent
    /// cases say more about the next basket. <see cref="double.PositiveInfinity"/> weighs every case alike.</summary>
    public double CaseRecencyDays { get; init; } = 30;

    /// <summary>Seeds weight initialisation and shuffling: same seed and rows, same scores.</summary>
    public int Seed { get; init; } = 17;
}
