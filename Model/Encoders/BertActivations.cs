using Recsys.Model.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Recsys.Model.Encoders;

/// <summary>The feed-forward activations a BERT config names (<c>hidden_act</c>).</summary>
public static class BertActivations
{
    /// <remarks>gelu_new and gelu_pytorch_tanh are 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), the approximation
    /// GPT-2 and some BERT variants were trained with; it must be reproduced exactly for their weights to give their
    /// outputs.</remarks>
    public static Tensor Apply(this BertActivation activation, Tensor input) => activation switch
    {
        BertActivation.Gelu => input.gelu(),
        BertActivation.GeluNew or BertActivation.GeluPytorchTanh => input.gelu(GELU.Approximate.tanh),
        BertActivation.Relu => input.relu(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not a BERT activation"),
    };
}
