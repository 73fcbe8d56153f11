namespace Recsys.Model.Torch.Modules;

/// <summary>y = x Wᵀ + b with weight [out, in] and bias [out], initialised as PyTorch does (uniform within
/// 1/√in).</summary>
public sealed class Linear : Module
{
    public Linear(long inFeatures, long outFeatures, bool bias = true, Device? device = null)
    {
        var bound = 1 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Parameter.Uniform([outFeatures, inFeatures], bound, device: device));
        Bias = bias ? RegisterParameter("bias", Parameter.Uniform([outFeatures], bound, device: device)) : null;
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
