using Recsys.Model.Checkpoints;
using Recsys.Model.Torch;

namespace Recsys.Model.Encoders;

/// <summary>The feed-forward activations a BERT config names (<c>hidden_act</c>).</summary>
public static class BertActivations
{
    /// <summary>√(2/π), the scale inside the tanh approximation of GELU.</summary>
    private static readonly double TanhScale = Math.Sqrt(2 / Math.PI);

    public static Tensor Apply(this BertActivation activation, Tensor input) => activation switch
    {
        BertActivation.Gelu => input.Gelu(),
        BertActivation.GeluNew or BertActivation.GeluPytorchTanh => GeluTanh(input),
        BertActivation.Relu => input.Relu(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not a BERT activation"),
    };

    /// <summary>0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), the approximation GPT-2 and some BERT variants were
    /// trained with; it must be reproduced exactly for their weights to give their outputs.</summary>
    private static Tensor GeluTanh(Tensor x)
    {
        using var scope = LibTorch.NewDisposeScope();
        var inner = (x + x.Pow(3) * 0.044715) * TanhScale;
        return (x * 0.5 * (inner.Tanh() + 1)).MoveToOuterScope();
    }
}
