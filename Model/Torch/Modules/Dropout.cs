namespace Recsys.Model.Torch.Modules;

/// <summary>Zeroes elements with probability <see cref="Probability"/> in training mode; the identity in
/// evaluation mode.</summary>
public sealed class Dropout(double probability) : Module
{
    public double Probability { get; } = probability is >= 0 and < 1
        ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), probability, "a dropout probability is in [0, 1)");

    public Tensor Forward(Tensor input) => Functional.Dropout(input, Probability, IsTraining);
}
