namespace Recsys.Model.Encoders;

/// <summary>What a masked-LM training run did.</summary>
/// <param name="EpochLosses">The mean training loss of each epoch.</param>
/// <param name="Texts">The texts trained on: those with at least one token.</param>
public sealed record MaskedLanguageModelTrainingReport(IReadOnlyList<double> EpochLosses, int Steps, int Texts, TimeSpan Elapsed);
