namespace Recsys.Model.Encoders;

/// <summary>How well a masked language model predicts the masked tokens of some texts.</summary>
/// <param name="Loss">The mean cross-entropy per predicted token.</param>
/// <param name="Accuracy">The share of predicted tokens whose most likely token is the right one.</param>
public readonly record struct MaskedLanguageModelEvaluation(double Loss, double Accuracy, long PredictedTokens);
