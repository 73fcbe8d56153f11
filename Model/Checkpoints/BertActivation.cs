namespace Recsys.Model.Checkpoints;

/// <summary>The activation of a BERT feed-forward layer (<c>hidden_act</c>; written in snake case: "gelu", "gelu_new", ...).</summary>
public enum BertActivation
{
    /// <summary>GELU with the exact error function, BERT's own.</summary>
    Gelu,

    /// <summary>GELU approximated with tanh.</summary>
    GeluNew,

    /// <summary>The same tanh approximation under PyTorch's name.</summary>
    GeluPytorchTanh,

    Relu,
}
