namespace Recsys.Model.Torch.Modules;

/// <summary>Layer normalisation over the trailing dims <c>normalizedShape</c>, with a learned scale ("weight",
/// starting at 1) and shift ("bias", starting at 0). PyTorch's default eps is 1e-5; BERT uses 1e-12.</summary>
public sealed class LayerNorm : Module
{
    private readonly long[] normalizedShape;

    public LayerNorm(long dimension, double eps = 1e-5, Device? device = null)
        : this([dimension], eps, device)
    {
    }

    public LayerNorm(long[] normalizedShape, double eps = 1e-5, Device? device = null)
    {
        this.normalizedShape = normalizedShape;
        Eps = eps;
        Weight = RegisterParameter("weight", Parameter.Constant(normalizedShape, 1, device: device));
        Bias = RegisterParameter("bias", Parameter.Constant(normalizedShape, 0, device: device));
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public double Eps { get; }

    public Tensor Forward(Tensor input) => Functional.LayerNorm(input, normalizedShape, Weight, Bias, Eps);
}
